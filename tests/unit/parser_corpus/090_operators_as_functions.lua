local op = {
  add = function(a, b) return a + b end,
  sub = function(a, b) return a - b end,
  mul = function(a, b) return a * b end,
  div = function(a, b) return a / b end,
  idiv = function(a, b) return a // b end,
  mod = function(a, b) return a % b end,
  pow = function(a, b) return a ^ b end,
  concat = function(a, b) return a .. b end,
  eq = function(a, b) return a == b end,
  lt = function(a, b) return a < b end,
  le = function(a, b) return a <= b end,
  band = function(a, b) return a & b end,
  bor = function(a, b) return a | b end,
  bxor = function(a, b) return a ~ b end,
  shl = function(a, b) return a << b end,
  shr = function(a, b) return a >> b end,
  neg = function(a) return -a end,
  bnot = function(a) return ~a end,
  len = function(a) return #a end,
  lnot = function(a) return not a end,
}
local names = {}
for k in pairs(op) do names[#names + 1] = k end
table.sort(names)
for _, n in ipairs(names) do
  local f = op[n]
  local ok, v = pcall(f, 12, 5)
  io.write(n, "=", ok and tostring(v) or "err", " ")
end
