-- lua: 5.3
-- case: len_meta_honoured
local t = setmetatable({1, 2}, {__len = function() return 99 end})
print(#t, rawlen(t))
-- case: idiv_meta
local M = {__idiv = function(a, b) return "idiv" end, __band = function() return "band" end}
local o = setmetatable({}, M)
print(o // 1, 1 // o, o & 1)
-- case: bitwise_meta
local M = {}
for _, ev in ipairs({"__bor", "__bxor", "__shl", "__shr"}) do M[ev] = function() return ev end end
M.__bnot = function() return "bnot" end
local o = setmetatable({}, M)
print(o | 1, o ~ 1, o << 1, o >> 1, ~o)
-- case: int_keys_float_normalise
local t = {}
t[2^53] = "big"
print(t[2^53], t[9007199254740992])
t[3.0] = "three"
print(t[3], math.type(next({[3.0] = 1})))
-- case: for_loop_int_float_keys
local t = {}
for i = 1, 3 do t[i] = i end
for i = 1.0, 3.0 do t[i] = (t[i] or 0) + 10 end
print(t[1], t[2], t[3], #t)
-- case: integer_string_format
print(string.format("%d %5.2f %x %X %o %e", 42, 3.14159, 255, 255, 8, 12345.678))
print(string.format("%g %g %g", 1e20, 0.1, 100))
-- case: string_format_int_checks
print((pcall(string.format, "%d", 2^63)))
print(string.format("%d", 3.0))
-- case: math_integer_ops
print(math.floor(-0.5), math.ceil(-0.5), math.abs(-2^63), 7 // 0.5)
print(math.ult(1, -1), math.ult(-1, 1))
-- case: tostring_int_float
print(tostring(3) == "3", math.type(3 + 0.0), 3 | 0, math.type(2^31 | 0))
-- case: tonumber_variants
print(tonumber("10"), tonumber("10.0"), tonumber("0x1p4"), tonumber("  12  "), tonumber("1e1"))
print(math.type(tonumber("10")), math.type(tonumber("10.0")), tonumber("9223372036854775808"))
print(tonumber("ff", 16), tonumber("777", 8), tonumber("zz", 36), tonumber("102", 2))
-- case: string_to_int_bitwise
print("0xff" | 0, "10" ~ 3)
-- case: compare_int_float_edges
print(math.maxinteger < 2^63, math.maxinteger + 0.0 == 2^63, 2^63 > math.maxinteger)
print(-2^63 == math.mininteger, 1 == 1.0000000000000002)
