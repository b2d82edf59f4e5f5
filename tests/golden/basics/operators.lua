local a, b = 7, 2
local s = "n=" .. a .. "/" .. b
local t = {x = 1, y = a // b, z = a % -b, w = a / b}
if t.x == 1 and not (a < b) then
  t.ok = #s > 0 or false
end
return t, s
