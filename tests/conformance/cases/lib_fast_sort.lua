-- lua: 5.1
-- case: sort_comparator_ties_order
-- Lua's quicksort is not stable: equal keys land where its algorithm puts them
local recs = {}
local seed = 7
for i = 1, 60 do
  seed = (seed * 75 + 74) % 65537
  recs[i] = {k = seed % 5, id = i}
end
table.sort(recs, function(a, b) return a.k < b.k end)
local out = {}
for i, r in ipairs(recs) do out[i] = r.k .. ":" .. r.id end
print(table.concat(out, " "))
table.sort(recs, function(a, b) return a.k > b.k end)
out = {}
for i, r in ipairs(recs) do out[i] = r.id end
print(table.concat(out, " "))
-- case: sort_comparator_call_sequence
local log = {}
local t = {5, 3, 8, 1, 9, 2, 7, 3, 5, 5, 0, 4}
table.sort(t, function(a, b)
  log[#log + 1] = a .. "<" .. b
  return a < b
end)
print(table.concat(t, ","), #log)
print(table.concat(log, " "))
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
-- case: sort_comparator_always_true_errors
local t = {3, 1, 2, 5, 4, 9, 8, 7, 6}
local seen = {}
local ok, err = pcall(table.sort, t, function(a, b)
  seen[#seen + 1] = tostring(a) .. "/" .. tostring(b)
  return true
end)
print(ok, err, table.concat(seen, " "))
-- case: sort_comparator_runs_below_the_range
-- a comparator that accepts nil walks j below 1, where the table (t[0] here) is read
local arrays = {{1, 2, 2, 3}, {3, 1, 2, 2, 5, 2}, {2, 2, 1}, {5, 1, 5, 5, 2, 5, 5}}
for _, a in ipairs(arrays) do
  local seen = {}
  local t = {}
  for i, v in ipairs(a) do t[i] = v end
  t[0] = 0
  t[-1] = -1
  local ok, err = pcall(table.sort, t, function(x, y)
    seen[#seen + 1] = tostring(x) .. "/" .. tostring(y)
    return x ~= y
  end)
  print(ok, err, table.concat(seen, " "))
end
-- case: sort_comparator_le_on_equal_elements
local ok, err = pcall(table.sort, {5, 5, 5, 5, 5, 5, 5}, function(a, b) return a <= b end)
print(ok, err)
local t = {3, 3, 1, 3, 3, 2, 3}
ok, err = pcall(table.sort, t, function(a, b) return a <= b end)
print(ok, err)
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
local n = 0
table.sort(t, function(a, b) n = n + 1 return a > b end)
print(t[1], t[100], t[200], t[300], n)
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
