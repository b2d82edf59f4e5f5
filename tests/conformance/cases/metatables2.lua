-- lua: 5.1
-- case: index_table
local base = {greet = function() return "hi" end, x = 1}
local obj = setmetatable({}, {__index = base})
print(obj.greet(), obj.x, obj.y, rawget(obj, "x"))
-- case: index_function
local t = setmetatable({}, {__index = function(t, k) return k .. "!" end})
print(t.a, t[1], t.b)
-- case: index_chain
local a = {x = "a"}
local b = setmetatable({y = "b"}, {__index = a})
local c = setmetatable({}, {__index = b})
print(c.x, c.y, c.z)
-- case: index_present_key_skips_meta
local t = setmetatable({x = 1}, {__index = function() return "meta" end})
print(t.x, t.y)
-- case: newindex_function
local log = {}
local t = setmetatable({}, {__newindex = function(t, k, v) log[#log + 1] = k; rawset(t, k, v) end})
t.a = 1; t.a = 2; t.b = 3
print(table.concat(log, ","), t.a, t.b)
-- case: newindex_table
local store = {}
local t = setmetatable({}, {__newindex = store})
t.x = 5
print(rawget(t, "x"), store.x)
-- case: newindex_existing_key
local n = 0
local t = setmetatable({x = 1}, {__newindex = function() n = n + 1 end})
t.x = 2; t.y = 3
print(t.x, t.y, n)
-- case: call_meta
local t = setmetatable({}, {__call = function(self, a, b) return a + b, self end})
local r, s = t(3, 4)
print(r, s == t)
-- case: arith_meta
local V = {}
V.__index = V
local function v(x) return setmetatable({x = x}, V) end
V.__add = function(a, b) return v(a.x + b.x) end
V.__sub = function(a, b) return v(a.x - b.x) end
V.__mul = function(a, b) if type(b) == "number" then return v(a.x * b) end return v(a.x * b.x) end
V.__div = function(a, b) return v(a.x / b.x) end
V.__mod = function(a, b) return v(a.x % b.x) end
V.__pow = function(a, b) return v(a.x ^ b.x) end
V.__unm = function(a) return v(-a.x) end
local a, b = v(6), v(4)
print((a + b).x, (a - b).x, (a * b).x, (a * 2).x, (a / b).x, (a % b).x, (a ^ v(2)).x, (-a).x)
-- case: arith_meta_mixed_operand
local M = {__add = function(a, b)
  local x = type(a) == "table" and a.n or a
  local y = type(b) == "table" and b.n or b
  return x + y
end}
local o = setmetatable({n = 10}, M)
print(o + 1, 1 + o, o + o)
-- case: concat_meta
local M = {__concat = function(a, b)
  local x = type(a) == "table" and a.s or a
  local y = type(b) == "table" and b.s or b
  return x .. "+" .. y
end}
local o = setmetatable({s = "O"}, M)
print(o .. "x", "x" .. o, o .. o, "a" .. "b" .. o)
-- case: eq_meta
local M = {__eq = function(a, b) return a.id == b.id end}
local a = setmetatable({id = 1}, M)
local b = setmetatable({id = 1}, M)
local c = setmetatable({id = 2}, M)
print(a == b, a == c, a ~= b, a ~= c, a == 1)
-- case: eq_meta_different_mt
local a = setmetatable({}, {__eq = function() return true end})
local b = setmetatable({}, {__eq = function() return true end})
print(a == b)
local M = {__eq = function() return true end}
print(setmetatable({}, M) == setmetatable({}, M))
-- case: lt_le_meta
local M = {}
M.__lt = function(a, b) return a.v < b.v end
M.__le = function(a, b) return a.v <= b.v end
local a, b = setmetatable({v = 1}, M), setmetatable({v = 2}, M)
print(a < b, a > b, a <= b, a >= b, b <= b)
-- case: le_falls_back_to_lt
local M = {__lt = function(a, b) return a.v < b.v end}
local a, b = setmetatable({v = 1}, M), setmetatable({v = 2}, M)
print(a <= b, b <= a)
-- case: tostring_meta
local t = setmetatable({}, {__tostring = function() return "custom!" end})
print(tostring(t), t)
-- case: tostring_meta_non_string
local t = setmetatable({}, {__tostring = function() return 42 end})
print(tostring(t))
-- case: metatable_field
local t = setmetatable({}, {__metatable = "locked"})
print(getmetatable(t))
print(pcall(function() setmetatable(t, {}) end))
-- case: getmetatable_basic
local mt = {}
local t = setmetatable({}, mt)
print(getmetatable(t) == mt, getmetatable({}), getmetatable(1))
print(type(getmetatable("abc").__index))
-- case: setmetatable_returns_table
local t = {}
print(setmetatable(t, nil) == t)
print(pcall(function() setmetatable(t, 5) end))
-- case: class_pattern
local Animal = {}
Animal.__index = Animal
function Animal.new(name, sound) return setmetatable({name = name, sound = sound}, Animal) end
function Animal:speak() return self.name .. " says " .. self.sound end
local Dog = setmetatable({}, {__index = Animal})
Dog.__index = Dog
function Dog.new(name) local d = Animal.new(name, "woof"); return setmetatable(d, Dog) end
function Dog:fetch() return self.name .. " fetches" end
local d = Dog.new("rex")
print(d:speak(), d:fetch(), getmetatable(d) == Dog)
-- case: inheritance_override
local Base = {}
Base.__index = Base
function Base:name() return "base" end
function Base:describe() return "I am " .. self:name() end
local Sub = setmetatable({}, {__index = Base})
Sub.__index = Sub
function Sub:name() return "sub" end
print(setmetatable({}, Base):describe(), setmetatable({}, Sub):describe())
-- case: default_values
local defaults = {color = "red", size = 1}
local function new(t) return setmetatable(t, {__index = defaults}) end
local a = new({size = 5})
print(a.color, a.size)
-- case: proxy_readonly
local function readonly(t)
  return setmetatable({}, {__index = t, __newindex = function() error("read-only table", 2) end})
end
local r = readonly({x = 1})
print(r.x, pcall(function() r.y = 2 end))
-- case: meta_call_with_varargs
local t = setmetatable({}, {__call = function(self, ...) return select('#', ...), ... end})
print(t(1, nil, 3))
-- case: index_on_missing_method
local obj = setmetatable({}, {__index = {}})
print(pcall(function() obj:missing() end))
-- case: rawequal_with_eq
local M = {__eq = function() return true end}
local a, b = setmetatable({}, M), setmetatable({}, M)
print(a == b, rawequal(a, b))
-- case: arith_meta_on_right_only
local M = {__sub = function(a, b) return "sub" end}
local o = setmetatable({}, M)
print(5 - o, o - 5)
-- case: unm_meta
local o = setmetatable({}, {__unm = function(a) return "neg" end})
print(-o)
-- case: no_meta_arith_error
print(pcall(function() local t = {}; return t + 1 end))
print(pcall(function() local t = setmetatable({}, {}); return -t end))
-- case: index_meta_rawget_loop
local count = 0
local t = setmetatable({}, {__index = function(t, k) count = count + 1; rawset(t, k, k * 2); return k * 2 end})
print(t[5], t[5], count)
-- case: string_metatable_index
local s = "hello"
print(s:len(), s:sub(2, 3), ("x"):rep(2, nil))
-- case: newindex_value_evaluated_once
local calls = 0
local function f() calls = calls + 1; return calls end
local t = setmetatable({}, {__newindex = function(t, k, v) rawset(t, k, v * 10) end})
for i = 1, 3 do t[i] = f() end
t.x = f()
local plain = {}
plain[1] = f(); plain.y = f()
print(calls, t[1], t[3], t.x, plain[1], plain.y)
-- case: int_key_writes_edge
local t = {}
t[2] = "b"; t[1] = "a"; t[3] = "c"
t[0] = "z"; t[-1] = "m"; t[3] = nil
print(#t, t[0], t[-1], t[2])
local n = {1, 2, 3}
n[2] = nil
print(n[1], n[2], n[3])
n[#n + 1] = 4
print(n[4])
