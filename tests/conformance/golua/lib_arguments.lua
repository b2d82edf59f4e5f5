-- lua: golua
-- case: tonumber_bases_and_missing_value golua: baselib.go baseToNumber
-- (was a real-Lua case of cases/lib_arguments.lua)
print(tonumber("0x10", 10), tonumber(nil, 10), tonumber("10", "16"), tonumber("z", 36))
print(tonumber(12, 16), tonumber("ff", 16.9), tonumber("8", 8), tonumber("  7f  ", 16))
print(pcall(function() return tonumber() end))
print(pcall(function() return tonumber(nil, 16) end))
print(pcall(function() return tonumber("1", true) end))
print(pcall(function() return tonumber("1", 99) end))
print(pcall(function() return tonumber({}, 99) end))
--> nil\tnil\t16\t35
--> 12\t255\tnil\t127
--> false\tinput:6: bad argument #1 to tonumber (value expected)
--> true\tnil
--> false\tinput:8: bad argument #2 to tonumber (number expected, got boolean)
--> true\tnil
--> true\tnil
-- case: select_truncates_and_wants_a_number golua: baselib.go baseSelect
-- (was a real-Lua case of cases/lib_arguments.lua)
print(select(2.7, "a", "b", "c"))
print(select("2", "a", "b"))
print(pcall(function() return select() end))
print(pcall(function() return select({}) end))
print(pcall(function() return select(0, 1) end))
--> b\tc
--> error: input:21: bad argument #1 to select (invalid string '2')
-- case: raw_functions_want_their_arguments golua: baselib.go baseRawEqual
-- (was a real-Lua case of cases/lib_arguments.lua)
local t = setmetatable({}, {__index = function() return "meta" end})
print(rawget(t, "k"), rawget(t, nil), t.k)
print(pcall(function() return rawget() end))
print(pcall(function() return rawget(t) end))
print(pcall(function() return rawset(t) end))
print(pcall(function() return rawset(t, "a") end))
print(pcall(function() return rawset(t, "a", nil) == t end), rawget(t, "a"))
print(pcall(function() return rawequal() end))
print(pcall(function() return rawequal(t) end))
print(rawequal(t, t), rawequal(nil, nil), rawequal(1, 1.0))
--> nil\tnil\tmeta
--> false\tinput:31: bad argument #1 to rawget (table expected, got no value)
--> false\tinput:32: bad argument #2 to rawget (value expected)
--> false\tinput:33: bad argument #2 to rawset (value expected)
--> false\tinput:34: bad argument #3 to rawset (value expected)
--> true\tnil
--> false\tinput:36: bad argument #1 to rawequal (value expected)
--> false\tinput:37: bad argument #2 to rawequal (value expected)
--> true\ttrue\tfalse
-- case: xpcall_as_51 golua: baselib.go baseXPCall (CheckFunction)
-- (was a real-Lua case of cases/lib_arguments.lua)
print(xpcall(function(...) return select("#", ...), ... end, print, 1, 2))
print(xpcall(function() error("e") end, function(m) error("again") end))
print(xpcall(function() error("e") end, 42))
print(xpcall(function() return "ok" end, 42))
print(pcall(function() return xpcall(function() error("e") end) end))
print(xpcall(function() error({code = 7}) end, function(e) return e.code end))
print(xpcall(function() local x = nil; return x.y end, function(m) return "H:" .. m end))
--> true\t0
--> false\terror in error handling
--> error: input:52: bad argument #2 to xpcall (function expected, got number)
