local vals = {
  math.abs(-3), math.ceil(1.2), math.floor(-1.2), math.max(1, 9, 4), math.min(3, -2),
  math.fmod(7, 3), math.modf(3.7), math.sqrt(16), math.exp(0), math.log(1),
  math.sin(0), math.cos(0), math.tan(0), math.pi, math.huge, -math.huge,
  math.maxinteger, math.mininteger, math.tointeger(5.0), math.type(1), math.type(1.5), math.type("1"),
  math.ult(1, -1),
}
for i, v in ipairs(vals) do io.write(i, ":", tostring(v), " ") end
math.randomseed(42)
local r = math.random(1, 6)
return r >= 1 and r <= 6
