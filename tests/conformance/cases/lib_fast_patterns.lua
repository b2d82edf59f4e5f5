-- lua: 5.1
-- case: gsub_classes_korean
local text = "alpha 1, 한국어 22, Beta3 é ü, gamma_4"
print(text:gsub("%a+", string.upper))
print(text:gsub("(%d+)", "<%1>"))
print(text:gsub(", ", ";"))
print(text:gsub("%w+", "[%0]"))
print(text:gsub("%A+", "."))
print(text:gsub("[\128-\255]+", "#"))
print(text:gsub("[^%z\1-\127]", "?"))
-- case: classes_high_bytes_not_letters
local s = "한é\255\128\160"
local parts = {}
for _, c in ipairs({"%a", "%l", "%u", "%p", "%c", "%x", "%w", "%s", "%d", "."}) do
  local n = select(2, s:gsub(c, ""))
  local m = select(2, s:gsub(c:upper(), ""))
  parts[#parts + 1] = c .. "=" .. n .. "/" .. m
end
print(table.concat(parts, " "))
print(("a\0b\0"):gsub("%z", "0"), ("x\0y"):find("%Z+", 2))
-- case: find_match_captures
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
-- case: gmatch_and_empty_matches
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
-- case: gsub_empty_matches
print(("abc"):gsub("%a*", "-"))
print(("abxd"):gsub("x*", "-"))
print(("aaa"):gsub("a-", "-"))
print(("hello world"):gsub("o*", "0"))
print((""):gsub(".-", "E"), (""):gsub("x*", "E"))
print(("abc"):gsub("", "/"))
print(("  lead"):gsub("^%s*", ""), ("x  "):gsub("%s*$", ""))
-- case: gsub_max_and_anchor
print(("a b c d"):gsub("%a", "X", 2))
print(("a b c d"):gsub("%a", "X", 0))
print(("a b c d"):gsub("%a", "X", -1))
print(("aaa"):gsub("^a", "b"), ("baa"):gsub("^a", "b"), ("aaa"):gsub("^a*", "<%0>"))
print(("a.b.c"):gsub("%.", "%%"), ("a.b"):gsub("%.", "%%%%"))
-- case: gsub_replacements
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
-- case: patterns_fall_back_still_work
print(("THE (quick) fox"):find("%((%a+)%)"), ("f(a(b)c)d"):match("%b()"), ("THE quick"):gsub("%f[%a]%a", "_"))
print(("abcabc"):match("(a)(b)c%1%2"), pcall(string.find, "abc", "(a"), pcall(string.find, "abc", "a)"))
print(pcall(string.find, "abc", "[a"), pcall(string.find, "abc", "%"), pcall(string.gsub, "abc", "(", "x"))
-- case: gsub_nonempty_pattern_replacements
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
