-- lua: golua
-- case: find_init golua: stringlib.go strFind
-- (was a real-Lua case of cases/stringlib.lua)
print(string.find("abcabc", "b", 3), string.find("abc", "c", -1), string.find("abc", "a", -10))
print(string.find("abc", "", 10), string.find("abc", "", 4))
--> 5\t3\t1\t1
--> 1\t1\t0
-- case: match_frontier golua: pm/pm.go matchCharClass (no %f)
-- (was a real-Lua case of cases/stringlib.lua)
print(string.find("THE (quick) fox", "%f[%a]%a+"), string.gsub("hello world", "%f[%w]%w+", "X"))
--> 13\thello world\t0
-- case: format_basic golua: stringlib.go strFormat (Go fmt.Sprintf)
-- (was a real-Lua case of cases/stringlib.lua)
print(string.format("%s=%d", "x", 42), string.format("%5d|%-5d|%05d", 42, 42, 42))
print(string.format("%.3f %10.2f %-8.1f|", 3.14159, 2.5, 1.25))
print(string.format("%x %X %o %c", 255, 255, 8, 65))
--> x=42\t   42|42   |00042
--> 3.142       2.50 1.2     |
--> 323535 323535 10 A
-- case: format_q golua: stringlib.go strFormat (Go fmt.Sprintf %q)
-- (was a real-Lua case of cases/stringlib.lua)
print(string.format("%q", 'he said "hi"\n'))
print(string.format("%q", "a\0b"))
--> "he said \"hi\"\n"
--> "a\x00b"
-- case: format_g_e golua: stringlib.go strFormat (Go fmt.Sprintf)
-- (was a real-Lua case of cases/stringlib.lua)
print(string.format("%g %g %g %g", 1, 1.5, 1e20, 1e-5), string.format("%e", 1234.5))
print(string.format("%5.1g|%.3g", 3.14159, 1234567))
--> %!g(lua.LInteger=1) 1.5 1e+20 1e-05\t1.234500e+03
-->     3|%!g(lua.LInteger=1234567)
-- case: format_errors golua: stringlib.go strFormat (Go fmt.Sprintf)
-- (was a real-Lua case of cases/stringlib.lua)
print(pcall(function() return string.format("%d", "x") end))
print(pcall(function() return string.format("%d") end))
--> true\tx
--> true\t%!d(MISSING)
-- case: format_korean_width golua: stringlib.go strFormat (Go fmt.Sprintf: runes)
-- (was a real-Lua case of cases/stringlib.lua)
print(string.format("[%5s]", "한"), string.format("[%-4s]", "가"))
--> [    í]\t[ê°   ]
-- case: char_errors golua: stringlib.go strChar (byte(n): no range check)
-- (was a real-Lua case of cases/stringlib.lua)
print(pcall(function() return string.char(256):byte() end))
print(pcall(function() return string.char(-1):byte() end))
--> true\t0
--> true\t255
-- case: find_special_chars golua: stringlib.go strFind, pm/pm.go parsePattern
-- (was a real-Lua case of cases/stringlib.lua)
print(string.find("a(b)c", "(", 1, true), string.find("a[b", "[", 1, true))
print(pcall(function() return string.find("abc", "[a") end))
print(pcall(function() return string.find("abc", "(a") end))
--> 2\t2\t2
--> false\tinput:51: unexpected EOS at 1
--> false\tinput:52: unfinished capture at 1
