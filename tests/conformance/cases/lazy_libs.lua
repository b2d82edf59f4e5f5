-- lua: 5.1
-- The library tables (string, table, math, os) are built on first use in compiled code: none
-- of these programs may tell.
-- case: alias_write_persists
local s = string
s.x = 1
print(string.x, rawequal(s, string), s.x)
string.y = 2
print(s.y)
-- case: alias_math_table_os
local m, t, o = math, table, os
m.extra = "m"
print(math.extra, rawequal(t, table), rawequal(o, os), type(o.time()), m.floor(2.5))
-- case: dynamic_field_keys
local k = "rep"
print(string[k]("ab", 2), table["concat"]({1, 2}, ","), math[("floor")](3.7))
-- case: libs_in_a_table
local libs = {string, table, math, os}
print(#libs, type(libs[1]), libs[1] == string, libs[3].max(1, 5))
-- case: passed_around
local function count(lib) local n = 0 for _ in pairs(lib) do n = n + 1 end return n end
print(count(table) >= 6, count(os) >= 4, type(string.format))
-- case: pairs_G_sees_libs
local seen = {}
for k, v in pairs(_G) do seen[k] = v end
print(seen.string == string, seen.table == table, seen.math == math, seen.os == os)
-- case: rawget_G
print(rawget(_G, "math") == math, rawget(_G, "string") == string, type(rawget(_G, "os")))
print(_G.table == table, _G["string"].upper("a"))
-- case: G_written_then_read
local mine = {}
_G.string = mine
print(string == mine, rawget(_G, "string") == mine)
-- case: assign_nil
local saved = string
string = nil
print(string, rawget(_G, "string"), saved.upper("q"))
print(pcall(function() return string.upper("x") end))
-- case: assign_nil_math_static_call
math = nil
print(pcall(function() return math.floor(1.5) end))
-- case: assign_before_read
os = {time = function() return "mine" end}
print(os.time())
-- case: read_then_assign
-- (not `table`: the reference's print uses table.concat)
local old = os
os = {difftime = function() return "mine" end}
print(os.difftime(5, 3), old.difftime(5, 3))
os = old
print(os.difftime(7, 3))
-- case: function_written_into_lib
function string.shout(x) return x:upper() .. "!" end
print(string.shout("hi"))
local s = string
print(s.shout("yo"))
-- case: lib_removed_function
string.upper = nil
print(string.upper, string.lower("AB"))
-- case: string_metatable_methods_after_lib_change xfail: the string metatable's __index is a shared sealed copy of the string library (one execution cannot change what another sees)
string.upper = nil
print(pcall(function() return ("x"):upper() end))
-- case: getmetatable_of_string_lib
local mt = getmetatable(string) print(mt == nil or type(mt.__call) == "function")  -- nil in Lua; luac2py's __call casts (string(x) through an alias)
