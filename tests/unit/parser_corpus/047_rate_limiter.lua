local TokenBucket = {}
TokenBucket.__index = TokenBucket

function TokenBucket.new(rate, burst, now)
  return setmetatable({ rate = rate, burst = burst, tokens = burst, last = now or 0 }, TokenBucket)
end

function TokenBucket:refill(now)
  local elapsed = now - self.last
  if elapsed > 0 then
    self.tokens = math.min(self.burst, self.tokens + elapsed * self.rate)
    self.last = now
  end
end

function TokenBucket:take(now, n)
  n = n or 1
  self:refill(now)
  if self.tokens >= n then
    self.tokens = self.tokens - n
    return true, 0
  end
  local wait = (n - self.tokens) / self.rate
  return false, wait
end

local b = TokenBucket.new(2, 5)
local granted = 0
for t = 0, 10, 0.5 do
  local ok = b:take(t)
  if ok then granted = granted + 1 end
end
print(granted)
