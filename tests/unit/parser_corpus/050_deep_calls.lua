local function id(...) return ... end
local x = id(id(id(id(id(id(id(id(1))))))))
local y = id(id(id, 1), id(2, id(3, id(4))))
local t = { { { { { { { { "deep" } } } } } } } }
local z = t[1][1][1][1][1][1][1][1]
local w = ((((((((((1 + 2))))))))))
local s = id "a" .. id [[b]] .. id { 1 }[1]
return x, y, z, w, s
