local F = {}

function F.map(t, fn) local out = {} for i, v in ipairs(t) do out[i] = fn(v, i) end return out end
function F.filter(t, pred)
  local out = {}
  for _, v in ipairs(t) do if pred(v) then out[#out + 1] = v end end
  return out
end
function F.reduce(t, fn, acc)
  local start = 1
  if acc == nil then acc, start = t[1], 2 end
  for i = start, #t do acc = fn(acc, t[i]) end
  return acc
end
function F.range(a, b) local out = {} for i = a, b do out[#out + 1] = i end return out end
function F.zip(a, b) return F.map(a, function(v, i) return { v, b[i] } end) end
function F.flatten(t)
  local out = {}
  local function go(x) for _, v in ipairs(x) do if type(v) == "table" then go(v) else out[#out + 1] = v end end end
  go(t)
  return out
end

local squares = F.map(F.range(1, 10), function(x) return x * x end)
local evens = F.filter(squares, function(x) return x % 2 == 0 end)
local total = F.reduce(evens, function(a, b) return a + b end)
print(total, #F.zip({ 1, 2 }, { "a", "b" }), #F.flatten({ 1, { 2, { 3, { 4 } } } }))
return F
