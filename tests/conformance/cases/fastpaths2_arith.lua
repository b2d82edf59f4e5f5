-- lua: 5.3
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
-- case: arith_operand_read_order
local x = 1
local function f() x = 10; return 2 end
print(x + f(), x)
local y = 1.5
local function h() y = 100; return 2 end
print(y * h(), y)
