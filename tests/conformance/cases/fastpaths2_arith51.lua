-- lua: 5.1
-- case: unary_minus_errors
print(pcall(function() local t = {} return -t.x end))
print(pcall(function() local t = {v = "a"} return -t.v end))
-- case: arith_errors_and_meta
local mt = {__add = function(a, b) return "add" end, __mul = function(a, b) return "mul" end,
            __unm = function(a) return "unm" end}
local o = setmetatable({}, mt)
local t = {o = o, f = 1.5, s = "2"}
print(t.o + t.f, t.f + t.o, t.f * t.o, -t.o, t.f + t.s, t.s * t.f)
print(pcall(function() return t.f + t.nope end))
print(pcall(function() return t.nope * t.f end))
print(pcall(function() return t.f - {} end))
print(pcall(function() return t.f + true end))
