-- lua: golua
-- case: find_match_captures golua: stringlib.go strMatch (no values on a miss)
-- (was a real-Lua case of cases/lib_fast_patterns.lua)
print(string.find("hello world 42", "(%a+) (%a+)"))
print(string.find("hello world 42", "()(%d+)()"))
print(string.match("key = value ; k2=v2", "(%w+)%s*=%s*(%w+)"))
print(string.match("  trim me  ", "^%s*(.-)%s*$"))
print(string.match("2024-01-15T10:20", "(%d+)-(%d+)-(%d+)T(%d+):(%d+)"))
print(string.match("abc", "((a)(b))"), string.match("abc", "()"), string.match("abc", "b()"))
print(string.find("abc", "b", 1), string.find("abc", "^b"), string.find("abc", "^a"), string.find("abc", "c$"))
print(string.find("a$b^c", "$b^"), string.find("a.b", "%."), string.find("x]y", "[%]]"), string.find("a-b", "[a-]+"))
print(string.find("abcabc", "b", 3), string.find("abc", "b", -1), string.find("abc", "", 10), string.find("abc", "^", 2))
print(string.match("line1\nline2", "1.l"), string.match("a\nb", "^(.*)$"))
print(string.find("abc\n", "c$"), string.find("abc\n", "\n$"), string.match("ab\n\n", "(.-)$"), string.find("a\nb", "a$"))
print(string.match("x\127\128y", "[%z\1-\127]+"), string.match("\200\201abc", "[\1-\126]+"), string.match("\200ab", "[^\128-\255]+"))
print(string.match("aaa", "a-b"), string.match("aaab", "a-b"), string.match("aaab", "^a-"), string.match("xyz", "y?z"))
--> 1\t11\thello\tworld
--> 13\t14\t13\t42\t15
--> key\tvalue
--> trim me
--> 2024\t01\t15\t10\t20
--> ab\t1\t3
--> 2\tnil\t1\t3\t3
--> 2\t2\t2\t1\t2
--> 5\tnil\t1\t2\t1
--> 1
--> l\ta
--> b
--> nil\t4\tab
-->
--> \tnil
--> x\tabc\tab
--> nil\taaab\t\tyz
-- case: gmatch_and_empty_matches golua: stringlib.go strGmatch, pm/pm.go Find
-- (was a real-Lua case of cases/lib_fast_patterns.lua)
local out = {}
for w in ("one two  three"):gmatch("%a+") do out[#out + 1] = w end
print(table.concat(out, "|"))
out = {}
for k, v in ("a=1, b=22, c=333"):gmatch("(%w+)=(%w+)") do out[#out + 1] = k .. ":" .. v end
print(table.concat(out, "|"))
out = {}
for p in ("abc"):gmatch("()") do out[#out + 1] = p end
print(table.concat(out, ","))
out = {}
for w in ("abxd"):gmatch("x*") do out[#out + 1] = "[" .. w .. "]" end
print(table.concat(out))
out = {}
for w in ("aaa"):gmatch("a-") do out[#out + 1] = "[" .. w .. "]" end
print(table.concat(out))
out = {}
for w in ("^a^b"):gmatch("^%a") do out[#out + 1] = w end
print(table.concat(out, ","))
--> one|two|three
--> a:1|b:22|c:333
--> 1,2,3,4
--> [][][x][][]
--> [][][][]
-->
-- case: gsub_max_and_anchor golua: stringlib.go strGsub, pm/pm.go Find
-- (was a real-Lua case of cases/lib_fast_patterns.lua)
print(("a b c d"):gsub("%a", "X", 2))
print(("a b c d"):gsub("%a", "X", 0))
print(("a b c d"):gsub("%a", "X", -1))
print(("aaa"):gsub("^a", "b"), ("baa"):gsub("^a", "b"), ("aaa"):gsub("^a*", "<%0>"))
print(("a.b.c"):gsub("%.", "%%"), ("a.b"):gsub("%.", "%%%%"))
--> X X c d\t2
--> X X X X\t4
--> X X X X\t4
--> baa\tbaa\t<aaa>\t1
--> a%b%c\ta%%b\t1
-- case: gsub_replacements golua: stringlib.go strGsubStr, strGsubTable, strGsubFunc
-- (was a real-Lua case of cases/lib_fast_patterns.lua)
print(("abc"):gsub("%w", "%0%0"), ("abc"):gsub("(%w)", "%1-"), ("hello world"):gsub("(o)", "[%1]"))
print(("k=v"):gsub("(%w)=(%w)", "%2=%1"), ("abc"):gsub("b", "%0"), ("abc"):gsub("()b()", "%1%2"))
print(pcall(string.gsub, "abc", "(b)", "%2"))
print(pcall(string.gsub, "abc", "b", "%2"))
local t = {hello = "HI", world = false, n = 5}
print(("hello world n x"):gsub("%a+", t))
print(("$name is $age"):gsub("%$(%w+)", {name = "Kim", age = 30}))
print(("a1b2c3"):gsub("%d", function(d) return d * 2 end))
print(("a1b2c3"):gsub("(%a)(%d)", function(a, d) if d == "2" then return nil end return d .. a end))
print(("abc"):gsub("()", function(p) return p end))
print(pcall(string.gsub, "abc", "%a", function() return {} end))
print(("한국어 text"):gsub("[\234-\237][\128-\191][\128-\191]", function(c) return "<" .. #c .. ">" end))
--> aabbcc\ta-b-c-\thell[o] w[o]rld\t2
--> v=k\tabc\ta23c\t1
--> false\tinvalid capture index
--> false\tinvalid capture index
--> HI world 5 x\t4
--> Kim is 30\t2
--> a2b4c6\t3
--> 1ab23c\t3
--> 1a2b3c4\t4
--> true\t\t3
--> <3><3><3> text\t3
-- case: patterns_fall_back_still_work golua: pm/pm.go parsePattern, matchCharClass
-- (was a real-Lua case of cases/lib_fast_patterns.lua)
print(("THE (quick) fox"):find("%((%a+)%)"), ("f(a(b)c)d"):match("%b()"), ("THE quick"):gsub("%f[%a]%a", "_"))
print(("abcabc"):match("(a)(b)c%1%2"), pcall(string.find, "abc", "(a"), pcall(string.find, "abc", "a)"))
print(pcall(string.find, "abc", "[a"), pcall(string.find, "abc", "%"), pcall(string.gsub, "abc", "(", "x"))
--> 5\t(a(b)c)\tTHE quick\t0
--> a\tfalse\ttrue\tnil
--> false\ttrue\tfalse\tunfinished capture at 0
-- case: gsub_nonempty_pattern_replacements golua: stringlib.go strGsubTable, strGsubFunc
-- (was a real-Lua case of cases/lib_fast_patterns.lua)
print(("a1b22c333"):gsub("%d+", "\\%0\\1\\g<0>"))
print(("a1b22c333"):gsub("(%d)(%d*)", "%2\\%1", 2))
print(("a1b22c333"):gsub("%d", "#", 1), ("a1b22c333"):gsub("%d", "#", 100))
print(("x=1, y=2"):gsub("(%w+)=(%w+)", "%2=%1"), ("x=1"):gsub("%w+=()", "%1"))
print(("one two three"):gsub("%a+", {one = 1, two = true and "2"}), ("ab"):gsub("%a", {a = false}))
print(("one two"):gsub("(%a)(%a+)", function(h, t) return h:upper() .. t end))
print(("hello"):gsub("l+", function() end), ("hi"):gsub(".", function(c) return c:byte() end))
print(pcall(string.gsub, "abc", "%a", {a = {}}))
print(pcall(string.gsub, "abc", "b", "%1%2"), pcall(string.gsub, "abc", "(b)", "%0%2"))
print(("한국어 text"):gsub("[\128-\255]+", "%0!"), ("aXbXc"):gsub("X", "%%"))
print(("a1b2c3"):gsub("%d", function(d) return d + 1 end, 2), ("a b c"):gsub("%a", {a = "A", b = "B"}, 1))
--> a\1\1\g<0>b\22\1\g<0>c\333\1\g<0>\t3
--> a\1b2\2c333\t2
--> a#b22c333\ta#b##c###\t6
--> 1=x, 2=y\t31\t1
--> 1 2 three\tab\t2
--> One Two\t2
--> hello\t104105\t2
--> true\tbc\t3
--> false\tfalse\tinvalid capture index
--> íêµ­ì´! text\ta%b%c\t2
--> a2b3c3\tA b c\t1
