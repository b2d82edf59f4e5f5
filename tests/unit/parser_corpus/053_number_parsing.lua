local function parse_number(s)
  s = s:match("^%s*(.-)%s*$")
  local sign = 1
  if s:sub(1, 1) == "-" then sign, s = -1, s:sub(2) end
  local int, frac, exp = s:match("^(%d*)%.?(%d*)[eE]?([-+]?%d*)$")
  if not int or (int == "" and frac == "") then return nil end
  local v = tonumber(int ~= "" and int or "0")
  if frac ~= "" then v = v + tonumber(frac) / 10 ^ #frac end
  if exp ~= "" then v = v * 10 ^ tonumber(exp) end
  return sign * v
end

for _, s in ipairs({ "42", "-3.5", ".25", "1e3", "  7  ", "abc", "2.5E-1" }) do
  print(s, parse_number(s), tonumber(s), tonumber(s, 10), tonumber("ff", 16), tonumber("777", 8))
end
