-- lua: golua
-- case: ipairs_index_as_key golua: table.go RawSetInt (the array part is padded)
-- (was a real-Lua case of cases/fastpaths_loops.lua)
local src = {"a", "b", "c"}
local r = {}
for i, v in ipairs(src) do r[i] = v .. i; r[i + 10] = i * 2 end
print(#r, r[1], r[3], r[11], r[13], src[1])
local fs = {}
for i in ipairs(src) do fs[i] = function() return i end end
print(fs[1](), fs[3]())
--> 13\ta1\tc3\t2\t6\ta
--> 1\t3
