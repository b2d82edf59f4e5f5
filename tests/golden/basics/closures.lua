local fns = {}
for i = 1, 3 do
  fns[i] = function() return i end
end
local count = 0
local function inc(n)
  count = count + (n or 1)
  return count
end
inc(); inc(5)
return fns[2](), count
