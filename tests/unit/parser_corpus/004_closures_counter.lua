local function make_counter(start, step)
  local count = start or 0
  step = step or 1
  return {
    inc = function() count = count + step; return count end,
    dec = function() count = count - step; return count end,
    get = function() return count end,
    reset = function(v) count = v or start or 0 end,
  }
end

local c = make_counter(10, 5)
c.inc(); c.inc(); c.dec()
print(c.get())

local adders = {}
for i = 1, 5 do
  adders[i] = function(x) return x + i end
end
print(adders[3](10))

local function compose(f, g)
  return function(...)
    return f(g(...))
  end
end
local inc_then_double = compose(function(x) return x * 2 end, function(x) return x + 1 end)
print(inc_then_double(4))
