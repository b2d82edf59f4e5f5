-- lua: 5.1
-- case: len_korean
local k = "한국어"
print(#k, string.len(k), k:len(), #"a한b")
-- case: sub_basic
local s = "hello world"
print(s:sub(1, 5), s:sub(7), s:sub(-5), s:sub(-5, -3), s:sub(0), s:sub(5, 2), s:sub(100))
-- case: sub_korean_bytes
local k = "안녕하세요"
print(k:sub(1, 3), k:sub(4, 6), k:sub(-3), #k:sub(2, 4))
-- case: byte_char
print(string.byte("A"), string.byte("abc", 2), string.byte("abc", 1, 3), string.byte("abc", -1))
print(string.char(72, 105), string.char(), ("한"):byte(1, -1))
-- case: byte_out_of_range
print(string.byte("abc", 10), select('#', string.byte("abc", 10)))
-- case: upper_lower
print(string.upper("abc한"), string.lower("ABC"), ("MiXeD"):lower())
-- case: rep
print(string.rep("ab", 3), string.rep("x", 0), string.rep("x", -1), ("한"):rep(2))
-- case: reverse
print(string.reverse("abc"), ("hello"):reverse(), string.reverse(""))
-- case: find_plain
print(string.find("hello world", "world"), string.find("hello", "l"), string.find("hello", "xyz"))
print(string.find("a.b", ".", 1, true), string.find("a+b", "+", 1, true))
-- case: find_korean_positions
local s = "가나다라"
print(s:find("다"), s:find("나다"))
-- case: find_patterns
print(string.find("hello 123", "%d+"), string.find("  x", "^%s*"), string.find("abc", "b()"))
-- case: match_captures
print(string.match("key=value", "(%w+)=(%w+)"))
print(string.match("2024-01-15", "(%d+)-(%d+)-(%d+)"))
print(string.match("hello", "xyz"), string.match("hello", "()ll()"))
-- case: match_anchors
print(string.match("hello", "^h"), string.match("hello", "^e"), string.match("hello", "o$"))
print(string.match("  trim me  ", "^%s*(.-)%s*$"))
-- case: match_classes
print(string.match("abc123def", "%a+"), string.match("abc123", "%d+"), string.match("a b", "%s"))
print(string.match("x_y-z", "[%w_]+"), string.match("ABCdef", "%u+"), string.match("ABCdef", "%l+"))
print(string.match("hello!", "%p"), string.match("0x1F", "%x+", 3), string.match("a\tb", "%c"))
-- case: match_sets
print(string.match("abc", "[b-c]+"), string.match("abc", "[^a]+"), string.match("a-b", "[a%-]+"))
print(string.match("]x", "[]]"), string.match("a^b", "[%^]"))
-- case: match_quantifiers
print(string.match("aaa", "a-"), string.match("aaa", "a-$"), string.match("aaab", "a*"), string.match("b", "a?b"))
print(string.match("<<a>>", "<(.-)>"), string.match("<<a>>", "<(.*)>"))
-- case: match_balanced
print(string.match("f(a(b)c)d", "%b()"), string.match("[[x]]", "%b[]"))
-- case: match_backref
print(string.match('say "hi" now', '(["\'])(.-)%1'))
print(string.find("abcabc", "(abc)%1"))
-- case: match_init
print(string.match("abc abc", "abc", 2), string.match("abc", "c", -1))
-- case: gmatch_words
local words = {}
for w in string.gmatch("the quick brown fox", "%a+") do words[#words + 1] = w end
print(#words, table.concat(words, "|"))
-- case: gmatch_pairs
for k, v in string.gmatch("a=1, b=2, c=3", "(%w+)=(%w+)") do print(k, v) end
-- case: gmatch_korean
local n = 0
for ch in ("가나다"):gmatch("[\128-\255]+") do n = n + 1; print(#ch) end
-- case: gmatch_positions
for p in ("abc"):gmatch("()") do print(p) end
-- case: gsub_basic
print(string.gsub("hello world", "o", "0"))
print(string.gsub("hello world", "o", "0", 1))
print(string.gsub("abc", "", "-"))
-- case: gsub_captures
print(string.gsub("hello world", "(%w+)", "<%1>"))
print(string.gsub("abc", "%w", "%0%0"))
print(string.gsub("a b", "(%w) (%w)", "%2 %1"))
-- case: gsub_function
print(string.gsub("1 2 3", "%d", function(d) return d * 2 end))
print(string.gsub("a b c", "%a", function(x) if x == "b" then return nil end return x:upper() end))
print(string.gsub("abc", "b", function() return false end))
-- case: gsub_table
local map = {cat = "dog", red = "blue"}
print(string.gsub("red cat green", "%a+", map))
-- case: gsub_percent_escape
print(string.gsub("50%", "%%", "%%%%"))
print(string.gsub("a.b.c", "%.", "/"))
-- case: gsub_anchor
print(string.gsub("aaa", "^a", "b"))
print(string.gsub("hello", "", "x", 2))
-- case: gsub_korean
print(string.gsub("한국 사람", "국", "글"))
-- case: format_s_variants
print(string.format("%s %s", "t", 12), string.format("%10s|%-10s|", "hi", "hi"))
print(string.format("%.2s", "abcdef"), string.format("%%"))
-- case: tostring_tonumber_strings
print(tostring("x"), tonumber("  0x10  "), tonumber("1e"), tonumber(""), tonumber("1 2"))
print(tonumber("10", 2), tonumber("Z", 36), tonumber("8", 8), tonumber(nil))
-- case: string_compare_bytes
print("가" < "나", "a" < "가", "Z" < "a", "abc" == "abc")
-- case: concat_numbers_strings
print(1 .. "", 1.5 .. "|", "n" .. 10)
-- case: string_coercion_51
print("10" + 5, "2" * "3", 10 .. 20)
-- case: escapes_decimal
print("\72\101\108\108\111", "\n" == "\10", #"\255\0")
-- case: long_string_nested
print([[a
b]], [=[x]]y]=])
-- case: string_methods_chain
local s = "  Hello, World  "
print(s:gsub("^%s+", ""):gsub("%s+$", ""):lower())
-- case: split_function
local function split(s, sep)
  local out = {}
  for piece in (s .. sep):gmatch("(.-)" .. sep:gsub("%p", "%%%0")) do out[#out + 1] = piece end
  return out
end
local p = split("a,b,,c", ",")
print(#p, p[1], p[3], p[4])
-- case: string_len_errors
print(pcall(function() return string.len() end))
print(pcall(function() return string.rep() end))
print(pcall(function() return ("x"):bad() end))
-- case: sub_float_args
print(("hello"):sub(2.0, 3), ("hello"):sub("2", "3"))
-- case: upper_korean_unchanged
local s = "한글abc"
print(s:upper(), #s:upper())
-- case: gsub_repl_errors
print(pcall(function() return string.gsub("abc", "a", "%2") end))
-- case: format_many
local parts = {}
for i = 1, 5 do parts[#parts + 1] = string.format("%02d:%s", i, ("*"):rep(i)) end
print(table.concat(parts, " "))
