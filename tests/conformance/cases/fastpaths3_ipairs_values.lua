-- lua: 5.1
-- case: values_sum_and_concat
local t = {3, 1, 4, 1, 5, 9, 2, 6}
local s, parts = 0, {}
for _, v in ipairs(t) do s = s + v; parts[#parts + 1] = v end
print(s, table.concat(parts, ","))
-- case: values_append_during_loop
local t = {1, 2, 3}
local n = 0
for _, v in ipairs(t) do
  n = n + 1
  if v < 10 then t[#t + 1] = v * 10 end
end
print(n, #t, t[6])
-- case: values_remove_last_during_loop
local t = {1, 2, 3, 4, 5}
local seen = {}
for _, v in ipairs(t) do
  seen[#seen + 1] = v
  if v == 2 then t[#t] = nil end
end
print(table.concat(seen, ","))
-- case: values_hole_made_during_loop
local t = {1, 2, 3, 4, 5}
local seen = {}
for _, v in ipairs(t) do
  seen[#seen + 1] = v
  if v == 2 then t[4] = nil end
end
print(table.concat(seen, ","))
-- case: values_shrink_then_refill_in_hash
local t = {1, 2, 3}
local seen = {}
for _, v in ipairs(t) do
  seen[#seen + 1] = tostring(v)
  if v == 3 then
    t[3] = nil
    t[4] = "four"
    t[5] = "five"
  end
end
print(table.concat(seen, ","), t[4], t[5])
-- case: values_continue_into_hash_part
local t = {1, 2}
t[4] = "d"; t[3] = "c"
local seen = {}
for _, v in ipairs(t) do seen[#seen + 1] = tostring(v) end
print(table.concat(seen, ","))
local h = {}
h[3] = "c"; h[2] = "b"
local n = 0
for _, v in ipairs(h) do n = n + 1 end
print(n)
h[1] = "a"
for _, v in ipairs(h) do n = n + 1 end
print(n)
-- case: values_constructor_holes_and_false
local seen = {}
for _, v in ipairs({1, 2, nil, 4}) do seen[#seen + 1] = v end
print(#seen)
for _, v in ipairs({nil, 2}) do seen[#seen + 1] = v end
print(#seen)
for _, v in ipairs({"a", "b", false, "d"}) do seen[#seen + 1] = tostring(v) end
print(#seen, seen[#seen])
-- case: values_extra_loop_variables
local t = {"x", "y"}
for _, v, extra in ipairs(t) do print(v, extra) end
-- case: values_index_read_or_captured
local t = {"a", "b", "c"}
local acc = {}
for _, v in ipairs(t) do acc[#acc + 1] = _ .. v end
print(table.concat(acc, " "))
local fs = {}
for i, v in ipairs(t) do fs[#fs + 1] = function() return v end end
print(fs[1](), fs[3]())
local gs = {}
for i, v in ipairs(t) do gs[#gs + 1] = function() return i end end
print(gs[1](), gs[3]())
-- case: values_index_written_not_read
local t = {10, 20}
local out = {}
for i, v in ipairs(t) do i = v * 2; out[#out + 1] = v end
print(table.concat(out, ","))
-- case: values_loop_var_assigned_and_closure
local t = {10, 20, 30}
local fs = {}
for _, v in ipairs(t) do
  v = v + 1
  fs[#fs + 1] = function() v = v + 100; return v end
end
print(fs[1](), fs[1](), fs[3]())
-- case: values_break_and_nested
local t = {{1, 2}, {3, 4, 5}, {6}}
local s = 0
for _, row in ipairs(t) do
  for _, v in ipairs(row) do
    if v == 4 then break end
    s = s + v
  end
end
print(s)
-- case: ipairs_reads_raw_as_in_51
local p = setmetatable({}, {__index = function(_, k) if k <= 3 then return k * 1.5 end end})
local n = 0
for _, v in ipairs(p) do n = n + 1 end
for i, v in ipairs(p) do n = n + 1 end
local f, s, c = ipairs(p)
print(n, f(s, c))
local q = setmetatable({10, 20}, {__index = function(_, k) return k end})
local seen = {}
for _, v in ipairs(q) do seen[#seen + 1] = v end
for i, v in ipairs(q) do seen[#seen + 1] = i end
print(table.concat(seen, ","), f(q, 1), f(q, 2))
-- case: ipairs_and_pairs_want_a_table
for _, x in ipairs({"abc", 12, true}) do
  print(pcall(function() return ipairs(x) end))
  print(pcall(function() return pairs(x) end))
  print(pcall(function() for _, v in ipairs(x) do end end))
  print(pcall(function() for i, v in ipairs(x) do end end))
  print(pcall(function() for k, v in pairs(x) do end end))
end
print(pcall(function() return ipairs() end))
print(pcall(function() return pairs() end))
-- case: pairs_ignores___pairs_as_in_51
local t = setmetatable({a = 1}, {__pairs = function(t) return function() return nil end, t, nil end})
local keys = {}
for k, v in pairs(t) do keys[#keys + 1] = k .. "=" .. v end
local f, s, c = pairs(t)
print(table.concat(keys, ","), f == next, s == t, c)
-- case: values_setmetatable_mid_loop
local t = {1, 2, 3}
local seen = {}
for _, v in ipairs(t) do
  seen[#seen + 1] = v
  if v == 1 then setmetatable(t, {__index = function(_, k) return "idx" .. k end}) end
  if #seen > 6 then break end
end
print(table.concat(seen, ","))
-- case: values_reassign_table_var
local t = {1, 2, 3}
local n = 0
for _, v in ipairs(t) do
  n = n + v
  t = {100, 200, 300, 400}
end
print(n, #t)
-- case: values_non_table_errors
print(pcall(function() for _, v in ipairs(nil) do end end))
print(pcall(function() for _, v in ipairs("abc") do end end))
