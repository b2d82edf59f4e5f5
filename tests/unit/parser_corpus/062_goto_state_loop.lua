local function tokenize(s)
  local tokens, i = {}, 1
  ::next_token::
  if i > #s then goto finished end
  do
    local c = s:sub(i, i)
    if c:match("%s") then
      i = i + 1
      goto next_token
    end
    if c:match("%d") then
      local j = i
      while j <= #s and s:sub(j, j):match("%d") do j = j + 1 end
      tokens[#tokens + 1] = { kind = "num", text = s:sub(i, j - 1) }
      i = j
      goto next_token
    end
    tokens[#tokens + 1] = { kind = "op", text = c }
    i = i + 1
    goto next_token
  end
  ::finished::
  return tokens
end

return tokenize("12 + 345 * (6 - 7)")
