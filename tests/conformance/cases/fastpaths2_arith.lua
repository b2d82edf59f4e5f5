-- lua: 5.3
-- case: float_arith_mixes
local vals = {1, -1, 0, 2.5, -0.0, 0.0, 1/0, -1/0, 0/0, math.maxinteger, math.mininteger, 2^53, 1e308, 3}
local out = {}
for i = 1, #vals do
  for j = 1, #vals do
    local a, b = vals[i], vals[j]
    local t = {a = a, b = b}
    out[#out + 1] = tostring(t.a + t.b) .. "," .. tostring(t.a - t.b) .. "," .. tostring(t.a * t.b)
      .. "," .. tostring(1 / (t.a + t.b)) .. "," .. tostring(1 / (t.a * t.b))
  end
end
print(table.concat(out, " "))
-- case: float_arith_accumulate
local rows = {{price = 1.25, qty = 3}, {price = 0.1, qty = 7}, {price = 3, qty = 2}, {price = -0.0, qty = 5}}
local g = {total = 0, qty = 0}
for _, r in ipairs(rows) do
  local amount = r.price * r.qty
  g.total = g.total + amount
  g.qty = g.qty + r.qty
  print(amount, g.total, g.qty, math.type(amount), math.type(g.total))
end
print(string.format("%.17g", g.total))
-- case: float_literal_operands
local t = {x = 2.5, y = 3, z = -0.0, w = 0/0}
local f = 1.5
print(t.x + 1, t.y + 1, t.z + 1, t.x * 2, t.z * -1, 1 / (t.z * 2), t.w + 1 ~= t.w + 1)
print(f + t.x, f * t.y, t.y - f, f - t.z, 1 / (f * t.z))
print(math.maxinteger + 1.0 == 2^63, t.y + math.maxinteger, math.type(t.y * 1.0))
-- case: unary_minus
local vals = {1, -1, 0, 2.5, -0.0, 0.0, 1/0, 0/0, math.maxinteger, math.mininteger, "3", "2.5"}
for i = 1, #vals do
  local t = {v = vals[i]}
  local r = -t.v
  print(r, math.type(r), 1 / (r == 0 and r or 1))
end
-- case: arith_operand_read_order
local x = 1
local function f() x = 10; return 2 end
print(x + f(), x)
local y = 1.5
local function h() y = 100; return 2 end
print(y * h(), y)
-- case: float_field_update
local g = {total = 0, n = 0.5, z = -0.0, i = math.maxinteger}
local log = {}
local p = setmetatable({}, {__index = function(t, k) return 1.5 end,
                            __newindex = function(t, k, v) log[#log + 1] = k .. "=" .. tostring(v) end})
local vals = {1.25, 3, -0.0, 1/0, 2^53, 0.1}
for _, x in ipairs(vals) do
  g.total = g.total + x
  g.n = g.n - x
  g.z = g.z + 1
  g.i = g.i + x
  p.v = p.v + x
  print(g.total, g.n, g.z, g.i, math.type(g.total), math.type(g.z), 1 / (g.z - 1))
end
local q = {z = -0.0}
q.z = q.z - 0
print(1 / q.z, table.concat(log, " "))
local t, s = {f = 1.5}, "2"
t.f = t.f + s
print(t.f, math.type(t.f))
