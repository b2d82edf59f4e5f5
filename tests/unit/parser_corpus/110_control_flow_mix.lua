local function classify(n)
  if type(n) ~= "number" then
    return "nan"
  elseif n ~= n then
    return "nan"
  elseif n == math.huge or n == -math.huge then
    return "inf"
  elseif math.type(n) == "integer" then
    if n < 0 then return "negative int" elseif n == 0 then return "zero" end
    return n % 2 == 0 and "even" or "odd"
  else
    return "float"
  end
end

local out = {}
for _, v in ipairs({ 1, 2, 0, -5, 1.5, 1 / 0, 0 / 0, "x" }) do
  local c = classify(v)
  while true do
    if c == "zero" then break end
    out[#out + 1] = c
    break
  end
end
return out
