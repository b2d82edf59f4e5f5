-- lua: golua
-- case: constructor_mixed golua: table.go RawSetInt (the array part is padded)
-- (was a real-Lua case of cases/tables.lua)
local t = {1, 2, x = "a", [10] = "ten", 3, ["y z"] = 5}
print(#t, t[3], t.x, t[10], t["y z"])
--> 10\t3\ta\tten\t5
-- case: large_sparse golua: table.go RawSetInt, Len
-- (was a real-Lua case of cases/tables.lua)
local t = {}
t[1000000] = 1
print(#t, t[1000000])
t[1] = 1
print(#t)
--> 1000000\t1
--> 1000000
