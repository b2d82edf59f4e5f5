-- lua: golua
-- case: len_meta_honoured golua: stdlib/base_manifest.go (no rawlen)
-- (was a real-Lua case of cases/meta53.lua)
local t = setmetatable({1, 2}, {__len = function() return 99 end})
print(#t, rawlen(t))
--> error: input:5: attempt to call global 'rawlen' (a nil value)
-- case: idiv_meta golua: vm.go OP_IDIV, OP_BAND (no metamethods)
-- (was a real-Lua case of cases/meta53.lua)
local M = {__idiv = function(a, b) return "idiv" end, __band = function() return "band" end}
local o = setmetatable({}, M)
print(o // 1, 1 // o, o & 1)
--> error: input:11: attempt to perform arithmetic on local 'o' (a table value)
-- case: bitwise_meta golua: vm.go OP_BAND .. OP_BNOT (no metamethods)
-- (was a real-Lua case of cases/meta53.lua)
local M = {}
for _, ev in ipairs({"__bor", "__bxor", "__shl", "__shr"}) do M[ev] = function() return ev end end
M.__bnot = function() return "bnot" end
local o = setmetatable({}, M)
print(o | 1, o ~ 1, o << 1, o >> 1, ~o)
--> error: input:19: attempt to perform bitwise operation on local 'o' (a table value)
-- case: integer_string_format golua: stringlib.go strFormat (Go fmt.Sprintf)
-- (was a real-Lua case of cases/meta53.lua)
print(string.format("%d %5.2f %x %X %o %e", 42, 3.14159, 255, 255, 8, 12345.678))
print(string.format("%g %g %g", 1e20, 0.1, 100))
--> 42  3.14 323535 323535 10 1.234568e+04
--> 1e+20 0.1 %!g(lua.LInteger=100)
-- case: string_format_int_checks golua: stringlib.go strFormat (Go fmt.Sprintf)
-- (was a real-Lua case of cases/meta53.lua)
print((pcall(string.format, "%d", 2^63)))
print(string.format("%d", 3.0))
--> true
--> 3
-- case: tostring_int_float golua: value.go LNumber.String
-- (was a real-Lua case of cases/meta53.lua)
print(tostring(3) == "3", math.type(3 + 0.0), 3 | 0, math.type(2^31 | 0))
--> true\tfloat\t3\tfloat
-- case: tonumber_variants golua: baselib.go baseToNumber
-- (was a real-Lua case of cases/meta53.lua)
print(tonumber("10"), tonumber("10.0"), tonumber("0x1p4"), tonumber("  12  "), tonumber("1e1"))
print(math.type(tonumber("10")), math.type(tonumber("10.0")), tonumber("9223372036854775808"))
print(tonumber("ff", 16), tonumber("777", 8), tonumber("zz", 36), tonumber("102", 2))
--> 10\t10\tnil\t12\tnil
--> float\tfloat\tnil
--> 255\t511\t1295\tnil
-- case: string_to_int_bitwise golua: vm.go OP_BAND (no string coercion)
-- (was a real-Lua case of cases/meta53.lua)
print("0xff" | 0, "10" ~ 3)
--> error: input:47: attempt to perform bitwise operation on a string value
