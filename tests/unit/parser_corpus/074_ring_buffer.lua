local Ring = {}
Ring.__index = Ring

function Ring.new(cap)
  return setmetatable({ cap = cap, start = 0, count = 0, data = {} }, Ring)
end

function Ring:push(v)
  local idx = (self.start + self.count) % self.cap
  self.data[idx] = v
  if self.count < self.cap then
    self.count = self.count + 1
  else
    self.start = (self.start + 1) % self.cap
  end
end

function Ring:get(i)
  if i < 1 or i > self.count then return nil end
  return self.data[(self.start + i - 1) % self.cap]
end

function Ring:items()
  local out = {}
  for i = 1, self.count do out[i] = self:get(i) end
  return out
end

local r = Ring.new(3)
for i = 1, 7 do r:push(i) end
print(table.concat(r:items(), ","))
