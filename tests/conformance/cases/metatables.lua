-- lua: 5.3
local V = {}
V.__index = V
V.__add = function(a, b) return setmetatable({x = a.x + b.x}, V) end
V.__eq = function(a, b) return a.x == b.x end
V.__tostring = function(v) return "V(" .. v.x .. ")" end
V.__lt = function(a, b) return a.x < b.x end
V.__le = function(a, b) return a.x <= b.x end
V.__concat = function(a, b) return tostring(a) .. "|" .. tostring(b) end
V.__len = function() return 42 end
V.__call = function(self, y) return self.x + y end
function V.new(x) return setmetatable({x = x}, V) end
function V:double() return V.new(self.x * 2) end
local a, b = V.new(1), V.new(2)
print(tostring(a + b), a == V.new(1), a < b, a <= b, #a, a(10))
print(a .. b, a:double().x)
local d = setmetatable({}, {__index = function(t, k) return k .. "?" end})
print(d.foo, rawget(d, "foo"))
local log = {}
local p = setmetatable({}, {__newindex = function(t, k, v) rawset(t, k, v * 2) end})
p.a = 5
print(p.a, getmetatable(a) == V)
