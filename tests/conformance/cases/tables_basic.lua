-- lua: 5.1
local t = {10, 20, 30, x = 1, y = 2}
print(#t, t[1], t.x, t["y"], t[4])
t[#t + 1] = 40
table.insert(t, 1, 5)
print(#t, table.concat(t, ","))
print(table.remove(t), table.remove(t, 1), #t)
local keys = {}
for k, v in pairs({a = 1, b = 2, c = 3}) do keys[#keys + 1] = k .. "=" .. v end
table.sort(keys)
print(table.concat(keys, " "))
for i, v in ipairs({"a", "b", nil, "d"}) do print(i, v) end
local u = {}
u[1.0] = "one"; u[2] = "two"
print(u[1], #u, rawget(u, 2), next({}))
t = {3, 1, 2}
table.sort(t, function(a, b) return a > b end)
print(t[1], t[2], t[3], unpack({1, 2, 3}))
-- named fields whose values are nil (a local, a missing field, a call) are no keys; falsy
-- values that are not nil (0, "", false) stay
local none
local src = {a = 1}
local function nothing() end
local c = {x = none, y = src.b, z = nothing(), w = 0, v = "", f = false, a = src.a}
local keys = {}
for k in pairs(c) do keys[#keys + 1] = k end
table.sort(keys)
print(table.concat(keys, ","), c.x, c.y, c.w, c.v, c.f, c.a)
c = {x = none, y = src.b}
print(next(c))
c = {none, src.b, 3, p = none}
print(#c, c[3], c.p, next({nothing()}))
