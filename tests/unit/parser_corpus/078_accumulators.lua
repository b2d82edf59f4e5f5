local stats = { n = 0, sum = 0, sumsq = 0, min = math.huge, max = -math.huge }

local function add(x)
  stats.n = stats.n + 1
  stats.sum = stats.sum + x
  stats.sumsq = stats.sumsq + x * x
  if x < stats.min then stats.min = x end
  if x > stats.max then stats.max = x end
end

for _, v in ipairs({ 3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5 }) do add(v) end
local mean = stats.sum / stats.n
local var = stats.sumsq / stats.n - mean ^ 2
local median
do
  local sorted = { 3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5 }
  table.sort(sorted)
  local mid = (#sorted + 1) // 2
  median = #sorted % 2 == 1 and sorted[mid] or (sorted[mid] + sorted[mid + 1]) / 2
end
print(("n=%d mean=%.3f sd=%.3f min=%d max=%d median=%s"):format(stats.n, mean, math.sqrt(var), stats.min, stats.max, median))
