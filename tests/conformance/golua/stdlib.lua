-- lua: golua
-- case: tonumber_basic golua: baselib.go baseToNumber
-- (was a real-Lua case of cases/stdlib.lua)
print(tonumber("42"), tonumber("3.5"), tonumber("abc"), tonumber(7), tonumber("  8  "), tonumber({}))
print(tonumber("0x1F"), tonumber("-0x10"), tonumber("1e2"), tonumber(".5"), tonumber("5."))
--> 42\t3.5\tnil\t7\t8\tnil
--> 31\tnil\tnil\t0.5\t5
-- case: table_insert_errors golua: tablelib.go tableInsert
-- (was a real-Lua case of cases/stdlib.lua)
print(pcall(function() table.insert({}, 1, 2, 3) end))
print(pcall(function() table.insert(nil, 1) end))
--> true
--> false\tinput:11: bad argument #1 to insert (table expected, got nil)
-- case: math_errors golua: mathlib.go mathMax
-- (was a real-Lua case of cases/stdlib.lua)
print(pcall(function() return math.floor("x") end))
print(pcall(function() return math.max() end))
--> false\tinput:16: bad argument #1 to floor (number expected, got string)
--> false\tinput:17: wrong number of arguments
-- case: rawequal_values golua: baselib.go baseRawEqual
-- (was a real-Lua case of cases/stdlib.lua)
print(rawequal(1, 1.0), rawequal("a", "a"), rawequal({}, {}), rawequal(nil, nil), rawequal(1, "1"))
--> false\ttrue\tfalse\ttrue\tfalse
-- case: version_string golua: stdlib/catalog.go (Version)
-- (was a real-Lua case of cases/stdlib.lua)
print(_VERSION)
--> Lua 5.3 - Wippy Modification
-- case: tostring_integer_like_floats golua: value.go LNumber.String
-- (was a real-Lua case of cases/stdlib.lua)
print(tostring(3.0), tostring(-0.0), 2^31, 2^63, 1e100)
--> 3\t0\t2147483648\t9.223372036854776e+18\t1e+100
