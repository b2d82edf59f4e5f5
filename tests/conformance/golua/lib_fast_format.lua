-- lua: golua
-- case: format_report_lines golua: stringlib.go strFormat (Go fmt.Sprintf)
-- (was a real-Lua case of cases/lib_fast_format.lua)
for j, r in ipairs({{7, "SKU-A", 3, 1.5, 4.5}, {123456, "Gadget-Long-Name-X", 12, 10.125, 121.5},
                    {-5, "", 0, -0.005, 0}}) do
  print(string.format("%3d. #%-6d %-14s %4d x %8.2f = %10.2f|", j, r[1], r[2]:lower(), r[3], r[4], r[5]))
end
print(string.format("== %s / %s: %d rows, %d units, total %.2f", ("eu"):upper(), "tools", 3, 17, 1234.5))
-->   1. #7      sku-a             3 x     1.50 =       4.50|
-->   2. #123456 gadget-long-name-x   12 x    10.12 =     121.50|
-->   3. #-5                       0 x    -0.01 = %!f(lua.LInteger=        00)|
--> == EU / tools: 3 rows, 17 units, total 1234.50
-- case: format_strings_width_precision golua: stringlib.go strFormat (Go fmt.Sprintf)
-- (was a real-Lua case of cases/lib_fast_format.lua)
print(string.format("[%5.2s][%-5.2s][%.0s][%5s][%-5s][%.10s][%s]", "abc", "abc", "abc", "ab", "ab", "abc", ""))
-- widths count runes; the harness shows output bytes as Latin-1, hence the odd letters
print(string.format("[%10s][%-10s][%.3s]", "한국", "한국", "한국"))
print(string.format("[%s][%s][%s][%5s][%-6s]", 12, 3.5, -0.25, 7, 2.5))
print(string.format("[%s][%5s][%s][%d][%s]", 1e15, 2^63, 10 / 2, 2^31, 2^53))
print(string.format("[%s]", string.rep("x", 120)) == "[" .. string.rep("x", 120) .. "]")
print(string.format("[%-99s]", "y"):len(), string.format("[%99s]", string.rep("z", 150)):len())
--> [   ab][ab   ][][   ab][ab   ][abc][]
--> [        íêµ­][íêµ­        ][íêµ­]
--> [12][3.5][-0.25][    7][2.5   ]
--> [1000000000000000][9.223372036854776e+18][5][2147483648][9007199254740992]
--> true
--> 101\t152
-- case: format_hex_octal_negatives golua: stringlib.go strFormat (Go fmt.Sprintf)
-- (was a real-Lua case of cases/lib_fast_format.lua)
print(string.format("[%x][%X][%x][%#x][%08x][%o][%#o]", 255, 255, -1, 255, 255, 8, 8))
print(string.format("[%x][%X][%5x]", -255, -2, 0))
--> [323535][323535][-1][0x323535][00323535][10][010]
--> [-ff][-2][   30]
-- case: format_floats golua: stringlib.go strFormat (Go fmt.Sprintf)
-- (was a real-Lua case of cases/lib_fast_format.lua)
print(string.format("[%.2f][%5.1f][%-8.3f][%+.1f][% .2f][%08.2f][%.0f][%.0f]", 3.14159, 2.25, 1.5, 2.0, 1.0, -3.5, 2.5, 3.5))
print(string.format("[%e][%.2e][%E][%12.3e][%-12.3e]", 12345.6789, 0.000123, 1e10, -5.5, 7))
print(string.format("[%f][%.3f][%.2f]", 42, "2.5", 1e15))
print(string.format("[%06f][%-8.1f][%08.2e][%5.1f][%+f][%010g]", 1/0, -1/0, 1/0, 1/0, 1/0, -1/0))
--> [3.14][  2.2][1.500   ][+2.0][ 1.00][-0003.50][2][4]
--> [1.234568e+04][1.23e-04][1.000000E+10][  -5.500e+00][%!e(lua.LInteger=007         )]
--> [%!f(lua.LInteger=42)][%!f(string=2.5)][1000000000000000.00]
--> [  +Inf][-Inf    ][    +Inf][ +Inf][+Inf][      -Inf]
-- case: format_g golua: stringlib.go strFormat (Go fmt.Sprintf)
-- (was a real-Lua case of cases/lib_fast_format.lua)
print(string.format("[%g][%g][%g][%g][%g][%g]", 100000, 1000000, 1e-5, 0.0001, 0.1, 123456789))
print(string.format("[%G][%.3g][%10.4g][%-10g][%#g][%+g]", 1e-10, 3.14159, 2.5, 0.5, 1.0, 2))
print(string.format("[%g][%g][%.14g]", 2^53, -0.5, 1/3))
--> [%!g(lua.LInteger=100000)][%!g(lua.LInteger=1000000)][1e-05][0.0001][0.1][%!g(lua.LInteger=123456789)]
--> [1E-10][3.14][       2.5][0.5       ][1.00000][%!g(lua.LInteger=+2)]
--> [9.007199254740992e+15][-0.5][0.33333333333333]
-- case: format_misc_conversions golua: stringlib.go strFormat (Go fmt.Sprintf)
-- (was a real-Lua case of cases/lib_fast_format.lua)
print(string.format("[%c%c%c][%5c][%-3c]", 76, 117, 97, 65, 66))
print(string.format("%q", 'a "quoted"\n\\ line'))
print(string.format("[%s][%6s][%-4s]", "T!", "T!", true and "ok"))
--> [Lua][    A][B  ]
--> "a \"quoted\"\n\\ line"
--> [T!][    T!][ok  ]
-- case: format_errors golua: stringlib.go strFormat (Go fmt.Sprintf)
-- (was a real-Lua case of cases/lib_fast_format.lua)
print(pcall(function() return string.format("%d %d", 1) end))
print(pcall(function() return string.format("%s") end))
print(pcall(function() return string.format("%y", 1) end))
print(pcall(function() return string.format("%d", "x") end))
-- a table prints its address: keep the rest of the text
print(pcall(function() return (string.format("%f", {}):gsub("0x%x+", "ADDR")) end))
print(pcall(function() return string.format("%10.2f %", 1) end))
print(pcall(function() return string.format("%123d", 1) end))
--> true\t1 %!d(MISSING)
--> true\t%!s(MISSING)
--> true\t%!y(lua.LInteger=1)
--> true\tx
--> true\t%!f(*lua.LTable=table: ADDR)
--> true\t%!f(lua.LInteger=        01) %!(NOVERB)
--> true\t                                                                                                                          1
