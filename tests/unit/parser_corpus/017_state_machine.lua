local transitions = {
  pending = { approve = "approved", reject = "rejected", cancel = "cancelled" },
  approved = { ship = "shipped", cancel = "cancelled" },
  shipped = { deliver = "delivered", lose = "lost" },
  delivered = {},
  rejected = {},
  cancelled = {},
  lost = { find = "shipped" },
}

local Machine = {}
Machine.__index = Machine

function Machine.new(initial)
  return setmetatable({ state = initial or "pending", history = {} }, Machine)
end

function Machine:can(event)
  local row = transitions[self.state]
  return row ~= nil and row[event] ~= nil
end

function Machine:fire(event)
  if not self:can(event) then
    return false, ("invalid event '%s' in state '%s'"):format(event, self.state)
  end
  local from = self.state
  self.state = transitions[from][event]
  self.history[#self.history + 1] = { from = from, to = self.state, event = event }
  return true
end

local m = Machine.new()
assert(m:fire("approve"))
assert(not m:fire("approve"))
return m
