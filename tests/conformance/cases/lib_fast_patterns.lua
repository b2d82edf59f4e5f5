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
-- case: gsub_empty_matches
print(("abc"):gsub("%a*", "-"))
print(("abxd"):gsub("x*", "-"))
print(("aaa"):gsub("a-", "-"))
print(("hello world"):gsub("o*", "0"))
print((""):gsub(".-", "E"), (""):gsub("x*", "E"))
print(("abc"):gsub("", "/"))
print(("  lead"):gsub("^%s*", ""), ("x  "):gsub("%s*$", ""))
