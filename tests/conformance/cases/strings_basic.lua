-- lua: 5.1
local s = "hello, world"
print(#s, s:upper(), s:sub(1, 5), s:sub(-5), s:rep(2))
print(s:find("world"), s:find("o", 6), s:match("(%a+), (%a+)"))
print(("%d items at %.2f"):format(3, 9.5), string.format("%5s|%-5s|", "a", "b"))
local k = "한국어"
print(#k, k:sub(1, 3), k:byte(1), string.char(237, 149, 156))
print(("a,b,,c"):gsub(",", ";"), ("abc"):gsub("%w", "%0%0"))
for w in string.gmatch("one two three", "%a+") do io_write_ok = true print(w) end
print(tostring(nil), tostring(true), tonumber("0x10"), tonumber("  12  "), tonumber("z", 36))
print("a" .. "b" .. 1 .. 2)
