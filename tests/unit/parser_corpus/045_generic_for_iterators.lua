local function range(n, m, step)
  if m == nil then n, m = 1, n end
  step = step or 1
  return function(_, last)
    local nxt = last + step
    if (step > 0 and nxt > m) or (step < 0 and nxt < m) then return nil end
    return nxt
  end, nil, n - step
end

local function enumerate(t)
  local i = 0
  return function()
    i = i + 1
    if t[i] ~= nil then return i, t[i] end
  end
end

local function sorted_pairs(t)
  local keys = {}
  for k in pairs(t) do keys[#keys + 1] = k end
  table.sort(keys, function(a, b) return tostring(a) < tostring(b) end)
  local i = 0
  return function()
    i = i + 1
    local k = keys[i]
    if k ~= nil then return k, t[k] end
  end
end

for i in range(5) do io.write(i, " ") end
for i in range(10, 1, -3) do io.write(i, " ") end
for i, v in enumerate({ "a", "b" }) do io.write(i, v, " ") end
for k, v in sorted_pairs({ z = 1, a = 2, m = 3 }) do io.write(k, "=", v, " ") end
for k, v in next, { x = 1 } do io.write(k, v) end
