-- lua: 5.1
-- case: method_own_function
local obj = {n = 1}
function obj:inc(k) self.n = self.n + k; return self.n end
print(obj:inc(2), obj:inc(3))
-- case: method_class_pattern
local C = {}
C.__index = C
function C.new(v) return setmetatable({v = v}, C) end
function C:get() return self.v end
local o = C.new(5)
print(o:get())
o.get = function(self) return "own" end
print(o:get())
o.get = nil
C.get = function(self) return "replaced" end
print(o:get())
-- case: method_inherited_two_levels
local Base = {}
Base.__index = Base
function Base:hello() return "base " .. self.name end
local Derived = setmetatable({}, Base)
Derived.__index = Derived
local d = setmetatable({name = "d"}, Derived)
print(d:hello())
function Derived:hello() return "derived " .. self.name end
print(d:hello())
-- case: method_index_function
local o = setmetatable({}, {__index = function(t, k) return function(self, x) return k .. x end end})
print(o:foo("!"), o:bar(1))
-- case: method_callable_table
local callable = setmetatable({}, {__call = function(self, obj, x) return "called " .. x end})
local o = {m = callable}
print(o:m(7))
local C = {m = callable}
C.__index = C
local p = setmetatable({}, C)
print(p:m(8))
-- case: method_missing_errors
local C = {}
C.__index = C
local o = setmetatable({}, C)
print(pcall(function() return o:nothing() end))
local plain = {}
print(pcall(function() return plain:nothing() end))
print(pcall(function() local x = nil; return x:nothing() end))
print(pcall(function() local x = 5; return x:nothing() end))
local m = setmetatable({}, {})
print(pcall(function() return m:nothing() end))
-- case: method_non_function_value
local o = {m = 5}
print(pcall(function() return o:m() end))
local C = {m = "str"}
C.__index = C
local p = setmetatable({}, C)
print(pcall(function() return p:m() end))
-- case: method_on_string
local s = "abc"
print(s:upper(), s:len(), ("x"):rep(3))
-- case: method_multi_results
local C = {}
C.__index = C
function C:two() return 1, 2 end
function C:none() end
local o = setmetatable({}, C)
print(o:two())
print((o:two()))
print(o:none())
local a, b, c = o:two()
print(a, b, c)
-- case: method_args_evaluated_once
local count = 0
local C = {}
C.__index = C
function C:id(x) return x end
local function get() count = count + 1; return setmetatable({}, C) end
print(get():id(4), count)
