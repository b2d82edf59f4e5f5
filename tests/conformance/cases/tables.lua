-- lua: 5.1
-- case: constructor_array
local t = {10, 20, 30}
print(#t, t[1], t[3], t[4], t[0])
-- case: constructor_nil_holes_end
local t = {1, 2, nil}
print(#t)
local u = {nil, nil, 3}
print(u[3])
-- case: constructor_trailing_call
local function three() return 1, 2, 3 end
local t = {three(), three()}
print(#t, t[1], t[2], t[4])
local u = {three(), (three())}
print(#u)
local v = {three(), x = 1}
print(#v)
-- case: constructor_duplicate_keys
local t = {x = 1, x = 2}
print(t.x)
local u = {[1] = "a", "b"}
print(u[1])
-- case: length_border_append
local t = {}
for i = 1, 100 do t[#t + 1] = i end
print(#t, t[100])
t[#t] = nil
print(#t)
-- case: length_after_removals
local t = {1, 2, 3, 4, 5}
t[5] = nil; t[4] = nil
print(#t)
t[3] = nil
print(#t)
-- case: length_sequence_rebuild
local t = {}
t[3] = "c"; t[2] = "b"; t[1] = "a"
print(#t, t[1], t[2], t[3])
-- case: float_keys_normalised
local t = {}
t[1.0] = "one"; t[2] = "two"
print(t[1], t[2.0], #t)
t[1.5] = "x"
print(t[1.5], t[3 / 2])
-- case: bool_keys_distinct
local t = {}
t[true] = "T"; t[1] = "one"; t[false] = "F"; t[0] = "zero"
print(t[true], t[1], t[false], t[0])
-- case: string_vs_number_keys
local t = {}
t["1"] = "s"; t[1] = "n"
print(t["1"], t[1])
-- case: nil_key_errors
print(pcall(function() local t = {}; t[nil] = 1 end))
print(pcall(function() local t = {}; t[0/0] = 1 end))
local t = {}
print(t[nil])
-- case: table_keys_tables
local k1, k2 = {}, {}
local t = {[k1] = "a", [k2] = "b"}
print(t[k1], t[k2], t[{}])
-- case: ipairs_stops_at_nil
local t = {1, 2, nil, 4}
local n = 0
for i, v in ipairs(t) do n = n + 1 end
print(n)
-- case: ipairs_values
for i, v in ipairs({"a", "b", "c"}) do print(i, v) end
-- case: ipairs_modify_during
local t = {1, 2, 3}
for i, v in ipairs(t) do
  if i == 1 then t[4] = 4 end
  io_last = v
end
print(io_last)
-- case: pairs_array_order
local t = {"a", "b", "c", "d"}
local acc = {}
for k, v in pairs(t) do acc[#acc + 1] = k .. "=" .. v end
print(table.concat(acc, " "))
-- case: pairs_all_keys_sorted
local t = {x = 1, y = 2, z = 3, 10, 20}
local keys = {}
for k in pairs(t) do keys[#keys + 1] = tostring(k) end
table.sort(keys)
print(table.concat(keys, ","))
-- case: pairs_clear_during
local t = {a = 1, b = 2, c = 3, d = 4}
for k in pairs(t) do t[k] = nil end
print(next(t))
-- case: pairs_count
local t = {}
for i = 1, 50 do t["k" .. i] = i end
local n, s = 0, 0
for k, v in pairs(t) do n = n + 1; s = s + v end
print(n, s)
-- case: next_basic
local t = {}
print(next(t))
t.x = 1
print(next(t))
print(next({5}))
local k, v = next({5}, 1)
print(k, v)
-- case: next_errors
print(pcall(next, {}, "nokey"))
print(pcall(function() return next(nil) end))
-- case: pairs_generic_form
local t = {"a", "b"}
local f, s, c = pairs(t)
print(type(f), s == t, c)
for k, v in next, t do io_k = k end
print(io_k)
-- case: ipairs_generic_form
local f, s, c = ipairs({1})
print(type(f), c)
print(f(s, 0))
print(f(s, 1))
-- case: nested_table_building
local m = {}
for i = 1, 3 do
  m[i] = {}
  for j = 1, 3 do m[i][j] = i * j end
end
print(m[2][3], m[3][3], #m, #m[1])
-- case: table_as_set
local set = {}
for _, w in ipairs({"a", "b", "a", "c", "b"}) do set[w] = (set[w] or 0) + 1 end
print(set.a, set.b, set.c, set.d)
-- case: index_non_table_errors
print(pcall(function() local x = 5; return x.y end))
print(pcall(function() local x = nil; return x[1] end))
print(pcall(function() local x = true; x.y = 1 end))
print(pcall(function() return type(("abc").len) end))
-- case: string_index_methods
local s = "abc"
print(type(s.upper), s.nosuch)
print(#s:upper())
-- case: negative_and_zero_index
local t = {}
t[0] = "zero"; t[-1] = "neg"
print(t[0], t[-1], #t)
-- case: unpack_basic
print(unpack({1, 2, 3}))
print(unpack({1, 2, 3}, 2))
print(unpack({1, 2, 3}, 2, 3))
print(unpack({1, 2, 3}, 3, 5))
print(select('#', unpack({})))
-- case: table_equality_identity
local a = {}
local b = a
b.x = 1
print(a.x, a == b)
-- case: table_in_function_arg
local function add(t, k, v) t[k] = v end
local t = {}
add(t, "a", 1); add(t, 2, "two")
print(t.a, t[2])
-- case: rawget_rawset
local t = setmetatable({}, {__index = function() return "meta" end, __newindex = function() end})
rawset(t, "a", 1)
t.b = 2
print(rawget(t, "a"), rawget(t, "b"), t.b, t.c)
print(rawequal(t, t), rawequal(t, {}), rawequal(1, 1), rawequal("a", "a"))
-- case: field_update_ops
local t = {n = 1, s = "a"}
t.n = t.n + 1
t.s = t.s .. "b"
t["n"] = t["n"] * 10
print(t.n, t.s)
-- case: numeric_string_key
local t = {}
t[1] = "a"
print(t["1"], t[1])
-- case: length_with_holes_constructed
local t = {1, 2, 3}
t[2] = nil
print(t[1], t[2], t[3])
