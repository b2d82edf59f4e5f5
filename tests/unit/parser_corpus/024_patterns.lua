local log = [[
2024-01-05 10:00:01 INFO  started worker=3
2024-01-05 10:00:02 WARN  slow query ms=1200
2024-01-05 10:00:05 ERROR failed job=42 reason="timeout"
]]

local counts = {}
for date, clock, level, rest in log:gmatch("(%d+%-%d+%-%d+) (%d+:%d+:%d+) (%u+)%s+([^\n]*)") do
  counts[level] = (counts[level] or 0) + 1
  local kv = {}
  for k, v in rest:gmatch("(%w+)=(%S+)") do kv[k] = v end
  print(date, clock, level, kv.worker or kv.ms or kv.job)
end

local s = "  hello   world  "
local words = select(2, s:gsub("%S+", ""))
local balanced = ("f(a(b)c)d"):match("%b()")
local frontier = ("THE (quick) fox"):gsub("%f[%a]%a+", function(w) return w:lower() end)
local pos1, pos2 = ("hello"):find("l+")
return counts, words, balanced, frontier, pos1, pos2
