-- lua: golua
-- case: tostring_float_51 golua: value.go LNumber.String
-- (was a real-Lua case of cases/core51.lua)
print(tostring(1/3), 0.1 + 0.2, 123.456, 1e-10, 2^63, -2^63)
--> 0.3333333333333333\t0.30000000000000004\t123.456\t1e-10\t9.223372036854776e+18\t-9223372036854775808
