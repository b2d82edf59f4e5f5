-- lua: 5.1
-- case: concat_strings_fields
local rows = {{region = "eu", category = "tools"}, {region = "us", category = ""}}
for i = 1, #rows do
  local r = rows[i]
  local key = r.region .. "/" .. r.category
  print(key, #key, r.category .. r.region, "<" .. r.region .. ">")
end
-- case: concat_mixed_kinds_many_operands
local t = {a = "a", b = 2, c = "c", d = 4.5, e = "e", f = "f", g = "g", h = "h"}
print(t.a .. t.b .. t.c .. t.d .. t.e)
print(t.a .. t.c .. t.e .. t.f .. t.g .. t.h .. t.a .. t.c)
print(t.b .. t.d, t.a .. "-" .. t.b .. "-" .. t.c .. "-" .. t.d)
-- case: concat_metamethod
local mt = {__concat = function(a, b)
  local x = type(a) == "table" and ("T" .. a.v) or a
  local y = type(b) == "table" and ("T" .. b.v) or b
  return x .. "+" .. y
end}
local o = setmetatable({v = 1}, mt)
local p = setmetatable({v = 2}, mt)
local t = {o = o, p = p, s = "s", n = 3}
print(t.o .. t.s, t.s .. t.o, t.n .. t.o, t.o .. t.p)
print(t.s .. t.o .. t.s, t.s .. "x" .. t.o .. "y")
-- case: concat_errors_name_operand
local t = {s = "s", n = 1}
local u
local function try(f) local ok, e = pcall(f) print(ok, e) end
try(function() return t.s .. t.missing end)
try(function() return t.missing .. t.s end)
try(function() return t.s .. "/" .. t.nope .. "/" .. t.s end)
try(function() return u .. t.s end)
try(function() return t.s .. u end)
try(function() return t.s .. {} end)
try(function() return true .. t.s end)
try(function() return t.s .. t.n .. t.s .. false end)
try(function() local a, b = "x", nil; return a .. b end)
try(function() local a, b = nil, "x"; return a .. b end)
-- case: concat_evaluation_order
local log = {}
local function f(x) log[#log + 1] = type(x) == "table" and "T" or tostring(x); return x end
local s = "a"
local function g() s = "zz"; log[#log + 1] = "g"; return "b" end
print(f("1") .. f("2") .. f("3") .. f(4) .. f("5"), table.concat(log, ","))
print(s .. g(), s)
local mt = {__concat = function(a, b) log[#log + 1] = "mt"; return "M" end}
local o = setmetatable({}, mt)
log = {}
print(f("x") .. f(o) .. f("y"), table.concat(log, ","))
log = {}
print(pcall(function() return f("x") .. f(nil) .. f("y") end), table.concat(log, ","))
