-- lua: 5.3
-- case: concat_ints_53
local t = {1, -0, math.maxinteger, math.mininteger, 0, 10, 1 << 31, 5 // 2}
for i = 1, #t do
  local v = t[i]
  print(v .. "", "x" .. v .. "y", v .. v)
end
-- case: concat_int_literals_53
local t = {a = "a", n = 7, o = setmetatable({}, {__concat = function(a, b) return math.type(a) or math.type(b) or "none" end})}
print(t.a .. 1 .. t.a, 1 .. t.a, t.n .. 2, 3 .. t.n .. 4, 5 .. t.o, t.o .. 6, 1.5 .. t.a)
