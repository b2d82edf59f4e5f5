local a, b, c = 1
local x, y = 1, 2, 3
local t = {}
t.a, t.b, t[1] = "a", "b", "one"
a, b, c = (function() return 1, 2, 3 end)()
x, y = y, x
local function two() return "p", "q" end
local p, q, r = two()
local s, u = (two())
local v = { two(), two() }
local w = { two(), (two()) }
local m1, m2 = two(), 10
return a, b, c, x, y, p, q, r, s, u, v, w, m1, m2
