local rows = {
  { name = "alpha", qty = 3, price = 9.5 },
  { name = "beta", qty = 12, price = 0.25 },
  { name = "gamma", qty = 1, price = 120 },
}

local lines = {}
lines[#lines + 1] = string.format("%-10s %5s %10s", "name", "qty", "total")
local grand = 0
for _, r in ipairs(rows) do
  local total = r.qty * r.price
  grand = grand + total
  lines[#lines + 1] = ("%-10s %5d %10.2f"):format(r.name, r.qty, total)
end
lines[#lines + 1] = string.rep("-", 27)
lines[#lines + 1] = string.format("%-10s %5s %10.2f", "TOTAL", "", grand)
print(table.concat(lines, "\n"))
print(string.format("%q", 'he said "hi"\n'), string.format("%x %X %o %e %g %%", 255, 255, 8, 12345.678, 0.0001))
