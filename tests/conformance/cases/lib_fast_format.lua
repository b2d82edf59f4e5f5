-- lua: 5.1
-- case: format_report_lines
for j, r in ipairs({{7, "SKU-A", 3, 1.5, 4.5}, {123456, "Gadget-Long-Name-X", 12, 10.125, 121.5},
                    {-5, "", 0, -0.005, 0}}) do
  print(string.format("%3d. #%-6d %-14s %4d x %8.2f = %10.2f|", j, r[1], r[2]:lower(), r[3], r[4], r[5]))
end
print(string.format("== %s / %s: %d rows, %d units, total %.2f", ("eu"):upper(), "tools", 3, 17, 1234.5))
-- case: format_strings_width_precision
print(string.format("[%5.2s][%-5.2s][%.0s][%5s][%-5s][%.10s][%s]", "abc", "abc", "abc", "ab", "ab", "abc", ""))
print(string.format("[%10s][%-10s][%.3s]", "한국", "한국", "한국"))
print(string.format("[%s][%s][%s][%5s][%-6s]", 12, 3.5, -0.25, 7, 2.5))
print(string.format("[%s][%5s][%s][%d][%s]", 1e15, 2^63, 10 / 2, 2^31, 2^53))
print(string.format("[%s]", string.rep("x", 120)) == "[" .. string.rep("x", 120) .. "]")
print(string.format("[%-99s]", "y"):len(), string.format("[%99s]", string.rep("z", 150)):len())
-- case: format_integers
print(string.format("[%-5d][%5d][%05d][%-05d][%+d][% d][%+5d][%-+6d]", 42, 42, -42, 7, 5, 5, -3, 3))
print(string.format("[%d][%i][%d][%d][%d]", 0, -1, 3.0, "10", "0x10"))
print(string.format("[%3d][%-3d][%3d]", 12345, 12345, -12))
print(string.format("%d%%|%%d|%d", 50, 60))
-- case: format_hex_octal_negatives
print(string.format("[%x][%X][%x][%#x][%08x][%o][%#o]", 255, 255, -1, 255, 255, 8, 8))
print(string.format("[%x][%X][%5x]", -255, -2, 0))
-- case: format_floats
print(string.format("[%.2f][%5.1f][%-8.3f][%+.1f][% .2f][%08.2f][%.0f][%.0f]", 3.14159, 2.25, 1.5, 2.0, 1.0, -3.5, 2.5, 3.5))
print(string.format("[%e][%.2e][%E][%12.3e][%-12.3e]", 12345.6789, 0.000123, 1e10, -5.5, 7))
print(string.format("[%f][%.3f][%.2f]", 42, "2.5", 1e15))
print(string.format("[%06f][%-8.1f][%08.2e][%5.1f][%+f][%010g]", 1/0, -1/0, 1/0, 1/0, 1/0, -1/0))
-- case: format_g
print(string.format("[%g][%g][%g][%g][%g][%g]", 100000, 1000000, 1e-5, 0.0001, 0.1, 123456789))
print(string.format("[%G][%.3g][%10.4g][%-10g][%#g][%+g]", 1e-10, 3.14159, 2.5, 0.5, 1.0, 2))
print(string.format("[%g][%g][%.14g]", 2^53, -0.5, 1/3))
-- case: format_misc_conversions
print(string.format("[%c%c%c][%5c][%-3c]", 76, 117, 97, 65, 66))
print(string.format("%q", 'a "quoted"\n\\ line'))
print(string.format("[%s][%6s][%-4s]", "T!", "T!", true and "ok"))
-- case: format_errors
print(pcall(function() return string.format("%d %d", 1) end))
print(pcall(function() return string.format("%s") end))
print(pcall(function() return string.format("%y", 1) end))
print(pcall(function() return string.format("%d", "x") end))
print(pcall(function() return string.format("%f", {}) end))
print(pcall(function() return string.format("%10.2f %", 1) end))
print(pcall(function() return string.format("%123d", 1) end))
-- case: format_literal_only
print(string.format("no conversions"), string.format("100%% sure"), string.format(""))
