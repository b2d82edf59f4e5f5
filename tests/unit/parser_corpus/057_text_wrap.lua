local function wrap(text, width)
  local lines, line = {}, ""
  for word in text:gmatch("%S+") do
    if #line == 0 then
      line = word
    elseif #line + 1 + #word <= width then
      line = line .. " " .. word
    else
      lines[#lines + 1] = line
      line = word
    end
  end
  if #line > 0 then lines[#lines + 1] = line end
  return lines
end

local function justify(line, width)
  local words = {}
  for w in line:gmatch("%S+") do words[#words + 1] = w end
  if #words == 1 then return line end
  local total = 0
  for _, w in ipairs(words) do total = total + #w end
  local gaps, spaces = #words - 1, width - total
  local out = {}
  for i, w in ipairs(words) do
    out[#out + 1] = w
    if i <= gaps then
      local n = spaces // gaps + ((i <= spaces % gaps) and 1 or 0)
      out[#out + 1] = (" "):rep(n)
    end
  end
  return table.concat(out)
end

for _, l in ipairs(wrap("the quick brown fox jumps over the lazy dog again and again", 16)) do
  print("|" .. justify(l, 16) .. "|")
end
