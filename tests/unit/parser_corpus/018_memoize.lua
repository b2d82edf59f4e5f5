local function memoize(fn)
  local cache = setmetatable({}, { __mode = "k" })
  return function(n)
    local hit = cache[n]
    if hit ~= nil then return hit end
    local v = fn(n)
    cache[n] = v
    return v
  end
end

local fib
fib = memoize(function(n)
  if n < 2 then return n end
  return fib(n - 1) + fib(n - 2)
end)

print(fib(50), fib(80))
