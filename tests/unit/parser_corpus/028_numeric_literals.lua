local ints = { 0, 1, 42, 1000000, 0x10, 0XfF, 0xdeadBEEF, 9007199254740993 }
local floats = { 0.0, 1.5, .5, 3., 1e10, 1E-3, 2.5e+2, 6.02e23, 0.1e-0 }
local max_int = 9223372036854775807
local min_int = -9223372036854775807 - 1
local mixed = 1 + 1.0 + 0x1 + 1e0
print(#ints, #floats, max_int, min_int, mixed, math.type(1), math.type(1.0))
