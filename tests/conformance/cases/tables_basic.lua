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
