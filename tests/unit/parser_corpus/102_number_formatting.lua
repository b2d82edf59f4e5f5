local function commas(n)
  local s = tostring(math.floor(math.abs(n)))
  local out = s:reverse():gsub("(%d%d%d)", "%1,"):reverse()
  if out:sub(1, 1) == "," then out = out:sub(2) end
  return (n < 0 and "-" or "") .. out
end

local function human_bytes(b)
  local units = { "B", "KB", "MB", "GB", "TB" }
  local i = 1
  while b >= 1024 and i < #units do b = b / 1024; i = i + 1 end
  return (i == 1 and "%d %s" or "%.1f %s"):format(b, units[i])
end

local function round(x, places)
  local m = 10 ^ (places or 0)
  return math.floor(x * m + 0.5) / m
end

print(commas(1234567), commas(-987654321), human_bytes(1536), human_bytes(5 * 1024 ^ 3), round(3.14159, 2))
