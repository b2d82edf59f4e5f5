-- lua: 5.1
-- case: type_values
print(type(nil), type(1), type("s"), type({}), type(print), type(true), type(function() end))
-- case: type_errors
print(pcall(function() return type() end))
-- case: tostring_values
print(tostring(nil), tostring(true), tostring(false), tostring(12), tostring("s"), tostring(1.5))
-- case: tostring_table_prefix
print(tostring({}):sub(1, 6), tostring(print):sub(1, 9))
-- case: tonumber_base
print(tonumber("11", 2), tonumber("ff", 16), tonumber("FF", 16), tonumber("z", 36), tonumber("9", 8))
print(tonumber("  101  ", 2))
-- case: table_insert_remove
local t = {}
table.insert(t, "a"); table.insert(t, "c"); table.insert(t, 2, "b"); table.insert(t, 1, "z")
print(table.concat(t, ","), #t)
print(table.remove(t), table.concat(t, ","))
print(table.remove(t, 1), table.concat(t, ","))
print(table.remove({}), #t)
-- case: table_concat_variants
print(table.concat({1, 2, 3}), table.concat({1, 2, 3}, ", "), table.concat({1, 2, 3}, "-", 2))
print(table.concat({1, 2, 3}, "-", 2, 3), table.concat({}, "x"), table.concat({"a"}, "x", 1, 1))
print(table.concat({1, 2.5, "s"}, " "))
-- case: table_concat_errors
print(pcall(function() return table.concat({1, {}, 3}) end))
print(pcall(function() return table.concat({1, nil, 3}, ",", 1, 3) end))
-- case: table_sort_numbers
local t = {5, 2, 8, 1, 9, 3}
table.sort(t)
print(table.concat(t, " "))
table.sort(t, function(a, b) return a > b end)
print(table.concat(t, " "))
-- case: table_sort_strings
local t = {"banana", "apple", "Cherry", "date"}
table.sort(t)
print(table.concat(t, " "))
-- case: table_sort_records
local people = {{n = "bob", a = 30}, {n = "al", a = 25}, {n = "cy", a = 35}}
table.sort(people, function(x, y) return x.a < y.a end)
for _, p in ipairs(people) do print(p.n, p.a) end
-- case: table_sort_errors
print(pcall(function() table.sort({3, "a", 1}) end))
print(pcall(function() table.sort({{}, {}}) end))
-- case: table_getn_maxn
print(table.getn({1, 2, 3}), table.maxn({1, 2, [10] = 3}), table.maxn({}))
-- case: unpack_ranges
print(unpack({1, 2, 3}, -1, 1))
print(unpack({}, 1, 2))
local t = {unpack({1, 2, 3})}
print(#t)
-- case: math_basic
print(math.floor(3.7), math.ceil(3.2), math.abs(-4), math.max(3, 7, 5), math.min(3, 7, 5))
print(math.sqrt(2), math.sin(0), math.cos(0), math.pi)
-- case: math_more
print(math.fmod(7, 3), math.modf(3.25), math.exp(1), math.log(math.exp(2)), math.log10(1000))
print(math.pow(2, 8), math.deg(math.pi), math.rad(180), math.huge > 1e308)
-- case: math_string_args
print(math.floor("3.7"), math.max("10", 2), math.abs("-3"))
-- case: select_hash_negative
print(select(-1, 1, 2, 3))
print(pcall(function() return select(-4, 1, 2, 3) end))
-- case: next_iteration_manual
local t = {10, 20, 30}
local k, v = next(t)
local s = 0
while k do s = s + v; k, v = next(t, k) end
print(s)
-- case: ipairs_on_nil
print(pcall(function() for i, v in ipairs(nil) do end end))
-- case: pairs_on_nil
print(pcall(function() for k, v in pairs(nil) do end end))
-- case: rawget_errors
print(pcall(function() return rawget("x", 1) end))
-- case: G_table
x_global = 5
print(_G.x_global, _G["x_global"], _G._G == _G)
_G.y_global = 7
print(y_global)
-- case: G_dynamic_names
for i = 1, 3 do _G["var" .. i] = i * 10 end
print(var1, var2, var3)
-- case: os_time_type
print(type(os.time()), type(os.clock()))
-- case: tostring_nan_inf
print(1/0, -1/0, tostring(0/0):lower():find("nan") ~= nil)  -- "-nan", "nan" or go-lua's "NaN"
-- case: select_with_nils
print(select('#', nil), select('#', nil, nil), select(2, nil, "b"))
-- case: print_multiple_types
print(nil, false, 0, "", 1.5)
print()
print("")
