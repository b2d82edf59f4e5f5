local M = {}

function M.trim(s)
  return (s:gsub("^%s+", ""):gsub("%s+$", ""))
end

function M.split(s, sep)
  local out = {}
  sep = sep or ","
  for piece in string.gmatch(s, "([^" .. sep .. "]+)") do
    out[#out + 1] = piece
  end
  return out
end

function M.starts_with(s, prefix)
  return s:sub(1, #prefix) == prefix
end

function M.capitalize(s)
  return (s:gsub("^%l", string.upper))
end

function M.count(s, pattern)
  local n = 0
  for _ in s:gmatch(pattern) do n = n + 1 end
  return n
end

function M.pad_left(s, width, ch)
  ch = ch or " "
  if #s >= width then return s end
  return string.rep(ch, width - #s) .. s
end

return M
