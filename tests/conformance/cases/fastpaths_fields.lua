-- lua: 5.3
-- case: field_update_plain
local o = {n = 1, f = 1.5, s = "10", big = math.maxinteger}
local k = 2
o.n = o.n + k
o.n = o.n - 1
o.f = o.f + k
o.s = o.s + 1
o.big = o.big + 1
o["n"] = o["n"] + 10
print(o.n, o.f, o.s, math.type(o.s), o.big == math.mininteger)
local fl = 0.5
o.n = o.n + fl
print(o.n, math.type(o.n))
-- case: field_update_metatables
local log = {}
local proxy = setmetatable({present = 1}, {
  __index = function(t, key) log[#log + 1] = "get " .. key; return 100 end,
  __newindex = function(t, key, v) log[#log + 1] = "set " .. key .. "=" .. v; rawset(t, key, v) end,
})
proxy.present = proxy.present + 1
proxy.absent = proxy.absent + 1
proxy.absent = proxy.absent + 1
print(proxy.present, rawget(proxy, "absent"), table.concat(log, ","))
local C = {count = 5}
C.__index = C
local obj = setmetatable({}, C)
obj.count = obj.count + 1
print(obj.count, C.count, rawget(obj, "count"))
-- case: field_update_add_meta_value
local mt = {__add = function(a, b) return "added" end}
local o = {v = setmetatable({}, mt)}
o.v = o.v + 1
print(o.v)
-- case: field_update_upvalue_and_loop
local acc = {total = 0, n = 0}
local function add(x) acc.total = acc.total + x; acc.n = acc.n + 1 end
for i = 1, 10 do add(i) end
add(0.5)
print(acc.total, acc.n)
-- case: dynamic_keys
local map = {}
local keys = {"a", 1, 2.0, 2.5, true, false, "1", "a"}
for i, k in ipairs(keys) do map[k] = i end
local out = {}
for _, k in ipairs(keys) do out[#out + 1] = tostring(map[k]) end
print(table.concat(out, ","), #map)
local k = nil
print(pcall(function() return map[k] end))
print(pcall(function() map[k] = 1 end))
local nan = 0/0
print(pcall(function() map[nan] = 1 end), map[nan])
local s = "a"
map[s] = nil
print(map[s], map.a)
-- case: dynamic_keys_metatables
local log = {}
local t = setmetatable({have = 1}, {
  __index = function(_, key) log[#log + 1] = "i:" .. tostring(key); return "dflt" end,
  __newindex = function(tt, key, v) log[#log + 1] = "n:" .. tostring(key); rawset(tt, key, v) end,
})
local names = {"have", "nope", "nope"}
for _, n in ipairs(names) do
  local v = t[n]
  t[n] = tostring(v) .. "!"
end
print(t.have, t.nope, table.concat(log, ","))
local C = {x = "class"}
local o = setmetatable({}, {__index = C})
local key = "x"
print(o[key], rawget(o, key))
o[key] = "own"
print(o[key], C.x)
