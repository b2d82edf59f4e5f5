-- lua: 5.3
-- case: compare_same_and_mixed_types
local vals = {1, 2, 1.0, 1.5, -0.0, 0, "a", "b", "10", "9", "", true, false, math.huge, -math.huge}
local out = {}
for i = 1, #vals do
  for j = 1, #vals do
    local a, b = vals[i], vals[j]
    local r = {tostring(a == b), tostring(a ~= b)}
    local ok, lt = pcall(function() return a < b end)
    r[#r + 1] = ok and tostring(lt) or "err"
    local ok2, le = pcall(function() return a <= b end)
    r[#r + 1] = ok2 and tostring(le) or "err"
    local ok3, gt = pcall(function() return a > b end)
    r[#r + 1] = ok3 and tostring(gt) or "err"
    local ok4, ge = pcall(function() return a >= b end)
    r[#r + 1] = ok4 and tostring(ge) or "err"
    out[#out + 1] = table.concat(r, "")
  end
end
print(table.concat(out, " "))
-- case: compare_nan
local nan = 0/0
local t = {x = nan, y = nan}
print(t.x == t.y, t.x ~= t.y, t.x < t.y, t.x <= t.y, t.x > 1, t.x >= 1)
-- case: compare_int_float_precision
local t = {a = 2^53, b = 2^53 + 1, c = math.maxinteger, d = math.mininteger}
local f = t.a + 0.0
print(t.b > f, t.b == f, t.c < 2^63, t.d == -2^63, t.c + 0.0 == 2^63)
-- case: compare_bytes
local t = {a = string.char(255), b = "a", c = string.char(0), d = "ab", e = "\255"}
print(t.a > t.b, t.c < t.b, t.b < t.d, t.d < t.a, t.a == t.e, t.a <= t.e)
-- case: compare_tables_meta
local mt = {__eq = function(a, b) return a.v == b.v end,
            __lt = function(a, b) return a.v < b.v end,
            __le = function(a, b) return a.v <= b.v end}
local x = setmetatable({v = 1}, mt)
local y = setmetatable({v = 1}, mt)
local z = setmetatable({v = 2}, mt)
local t = {x = x, y = y, z = z}
print(t.x == t.y, t.x ~= t.y, t.x == t.z, t.x < t.z, t.z <= t.x, t.x > t.z, t.z >= t.y)
print(pcall(function() return {} < {} end))
-- case: compare_errors_messages
local t = {n = 1, s = "x", b = true}
print(pcall(function() return t.n < t.s end))
print(pcall(function() return t.b < t.b end))
print(pcall(function() return t.s >= t.n end))
print(pcall(function() return t.missing > 1 end))
print(t.n == t.s, t.b == true, t.b ~= 1, t.n ~= "1")
-- case: compare_calls_evaluated_once
local n = 0
local function f(v) n = n + 1; return v end
print(f(1) < f(2), f("a") == f("a"), f(1.5) ~= f(1.5), n)
-- case: sort_comparator_fields
local rows = {}
for i = 1, 20 do rows[i] = {id = i, amount = (i * 7) % 5 + (i % 3) * 0.5, key = "k" .. (i % 4)} end
table.sort(rows, function(a, b)
  if a.amount ~= b.amount then return a.amount > b.amount end
  return a.id < b.id
end)
local ids = {}
for i, r in ipairs(rows) do ids[i] = r.id end
print(table.concat(ids, ","))
table.sort(rows, function(a, b)
  if a.key ~= b.key then return a.key < b.key end
  return a.id > b.id
end)
for i, r in ipairs(rows) do ids[i] = r.id end
print(table.concat(ids, ","))
