-- lua: 5.1
-- table.sort with a comparator: what every correct sort agrees on. The order of elements
-- that compare equal, the comparator calls and comparators that are no order follow Go's
-- sort.Sort, as in Wippy's VM, and are checked against Go in tests/unit/test_ltable.py.
-- case: sort_comparator_two_keys
local rows = {}
for i = 1, 40 do rows[i] = {amount = (i * 37) % 11, id = (i * 13) % 40} end
table.sort(rows, function(a, b)
  if a.amount ~= b.amount then return a.amount > b.amount end
  return a.id < b.id
end)
local out = {}
for i, r in ipairs(rows) do out[i] = r.amount .. "/" .. r.id end
print(table.concat(out, " "))
-- case: sort_comparator_non_boolean_results
local t = {4, 1, 3, 2, 6, 5}
table.sort(t, function(a, b) if a < b then return 1 end return nil end)
print(table.concat(t, ","))
t = {4, 1, 3, 2, 6, 5}
table.sort(t, function(a, b) if a > b then return "yes", false end return false, true end)
print(table.concat(t, ","))
t = {4, 1, 3, 2, 6, 5}
table.sort(t, function(a, b) if a < b then return 0 end end)
print(table.concat(t, ","))
t = {"b", "a", "c"}
table.sort(t, function(...) local a, b = ... return a > b end)
print(table.concat(t, ","))
-- case: sort_comparator_raises
local calls = 0
local ok, err = pcall(table.sort, {3, 1, 2, 9, 7}, function(a, b)
  calls = calls + 1
  if calls == 4 then error("boom at " .. calls) end
  return a < b
end)
print(ok, err, calls)
ok, err = pcall(table.sort, {3, 1, 2}, function(a, b) error({code = 1}) end)
print(ok, type(err), err.code)
-- case: sort_comparator_compare_error
local ok, err = pcall(table.sort, {3, "x", 2}, function(a, b) return a < b end)
print(ok, err)
-- case: sort_comparator_builtin_and_wrong_type
local t = {3, 1, 2}
print(pcall(function() table.sort(t, 1) end))
print(pcall(function() table.sort(t, "x") end))
print(pcall(function() table.sort(t, math.max) end))
-- case: sort_comparator_larger
local t = {}
for i = 1, 300 do t[i] = (i * 7919) % 101 end
table.sort(t, function(a, b) return a > b end)
print(t[1], t[100], t[200], t[300])
local s = {}
for i = 1, 200 do s[i] = string.char(97 + (i * 31) % 26) .. ((i * 17) % 7) end
table.sort(s, function(a, b) return a < b end)
print(table.concat(s, "", 1, 30), table.concat(s, "", 171, 200))
-- case: sort_comparator_yield_in_coroutine
local co = coroutine.create(function()
  table.sort({3, 1, 2}, function(a, b) coroutine.yield() return a < b end)
end)
local ok, err = coroutine.resume(co)
print(ok, err ~= nil)
