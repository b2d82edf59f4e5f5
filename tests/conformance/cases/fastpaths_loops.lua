-- lua: 5.1
-- case: ipairs_append_during_loop
local t = {1, 2, 3}
local n = 0
for i, v in ipairs(t) do
  n = n + 1
  if i <= 3 then t[#t + 1] = v * 10 end
end
print(n, #t, t[6])
-- case: ipairs_remove_last_during_loop
local t = {1, 2, 3, 4, 5}
local seen = {}
for i, v in ipairs(t) do
  seen[#seen + 1] = v
  if i == 2 then t[#t] = nil end
end
print(table.concat(seen, ","))
-- case: ipairs_hole_made_during_loop
local t = {1, 2, 3, 4, 5}
local seen = {}
for i, v in ipairs(t) do
  seen[#seen + 1] = i .. "=" .. v
  if i == 2 then t[4] = nil end
end
print(table.concat(seen, ","))
-- case: ipairs_shrink_then_refill_in_hash
local t = {1, 2, 3}
local seen = {}
for i, v in ipairs(t) do
  seen[#seen + 1] = i .. "=" .. tostring(v)
  if i == 3 then
    t[3] = nil
    t[4] = "four"
    t[5] = "five"
  end
end
print(table.concat(seen, ","), t[4], t[5])
-- case: ipairs_shrink_below_then_set_next
local t = {1, 2, 3}
local seen = {}
for i, v in ipairs(t) do
  seen[#seen + 1] = i .. "=" .. tostring(v)
  if i == 2 then
    t[3] = nil
    t[2] = nil
    t[3] = "x"
  end
end
print(table.concat(seen, ","))
-- case: ipairs_constructor_holes
local seen = {}
for i, v in ipairs({1, 2, nil, 4}) do seen[#seen + 1] = v end
print(#seen)
for i, v in ipairs({nil, 2}) do seen[#seen + 1] = v end
print(#seen)
for i in ipairs({"a", "b", false, "d"}) do seen[#seen + 1] = i end
print(#seen, seen[#seen])
-- case: ipairs_hash_part_sequence
local t = {}
t[3] = "c"; t[2] = "b"
local n = 0
for _ in ipairs(t) do n = n + 1 end
print(n)
t[1] = "a"
for i, v in ipairs(t) do n = n + 1 end
print(n)
-- case: ipairs_setmetatable_mid_loop
local t = {1, 2, 3}
local seen = {}
for i, v in ipairs(t) do
  seen[#seen + 1] = v
  if i == 1 then setmetatable(t, {__index = function(_, k) return "idx" .. k end}) end
  if i > 6 then break end
end
print(table.concat(seen, ","))
-- case: ipairs_break_and_closure
local t = {"a", "b", "c", "d"}
local fs = {}
for i, v in ipairs(t) do
  fs[#fs + 1] = function() return i .. v end
  if v == "c" then break end
end
print(#fs, fs[1](), fs[3]())
-- case: ipairs_loop_var_assigned
local t = {10, 20, 30}
local out = {}
for i, v in ipairs(t) do
  v = v + 1
  i = i * 100
  out[#out + 1] = i + v
end
print(table.concat(out, ","))
-- case: ipairs_reassign_table_var
local t = {1, 2, 3}
local n = 0
for i, v in ipairs(t) do
  n = n + v
  t = {100, 200, 300, 400}
end
print(n, #t)
-- case: ipairs_non_table_errors
print(pcall(function() for _ in ipairs(nil) do end end))
-- case: numeric_for_positive_index
local t = {}
for i = 1, 5 do t[i] = i * i end
local s = 0
for i = 1, #t do s = s + t[i] end
print(s, #t)
for i = 2, 6, 3 do t[i] = -i end
print(t[2], t[5], #t)
for i = 3, 5 do t[i] = nil end
print(#t, t[4])
-- case: numeric_for_float_bounds
local t = {1, 2, 3}
local s = 0
for i = 1, 2.5 do s = s + t[i] end
print(s)
for i = 1, 3, 1 do t[i] = i + 0.5 end
print(t[1], t[3])
-- case: numeric_for_var_assigned
local t = {1, 2, 3, 4}
local out = {}
for i = 1, 4 do
  i = i - 1
  out[#out + 1] = tostring(t[i])
end
print(table.concat(out, ","))
-- case: table_local_with_metatable_later
local t = {}
for i = 1, 3 do t[i] = i end
setmetatable(t, {__index = function(_, k) return k * 2 end,
                 __newindex = function(tt, k, v) rawset(tt, k, v * 10) end})
print(t[1], t[5], #t)
t[7] = 1
t[4] = 1
print(rawget(t, 7), rawget(t, 4), t.x == nil)
-- case: table_local_in_loop_fresh
local out = {}
for i = 1, 3 do
  local t = {}
  t[1] = i
  t.k = i * 2
  out[#out + 1] = t[1] + t.k + #t
end
print(table.concat(out, ","))
-- case: pairs_keys_into_table
local src = {10, 20, x = "a", [2.5] = "f", [true] = "t"}
local copy = {}
for k, v in pairs(src) do copy[k] = v end
print(copy[1], copy[2], copy.x, copy[2.5], copy[true], #copy)
