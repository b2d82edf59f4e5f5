local Pool = {}
Pool.__index = Pool

function Pool.new(factory, reset, max)
  return setmetatable({ factory = factory, reset = reset, free = {}, max = max or 16, created = 0 }, Pool)
end

function Pool:acquire()
  local n = #self.free
  if n > 0 then
    local obj = self.free[n]
    self.free[n] = nil
    return obj
  end
  self.created = self.created + 1
  return self.factory(self.created)
end

function Pool:release(obj)
  if #self.free >= self.max then return false end
  if self.reset then self.reset(obj) end
  self.free[#self.free + 1] = obj
  return true
end

local p = Pool.new(function(i) return { id = i, data = {} } end, function(o) o.data = {} end, 2)
local a, b, c = p:acquire(), p:acquire(), p:acquire()
p:release(a); p:release(b); print(p:release(c), p.created, p:acquire().id)
