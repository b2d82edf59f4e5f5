local Emitter = {}
Emitter.__index = Emitter

function Emitter.new() return setmetatable({ handlers = {} }, Emitter) end

function Emitter:on(event, fn)
  local list = self.handlers[event]
  if not list then
    list = {}
    self.handlers[event] = list
  end
  list[#list + 1] = fn
  return function()
    for i, h in ipairs(list) do
      if h == fn then table.remove(list, i); return true end
    end
    return false
  end
end

function Emitter:once(event, fn)
  local off
  off = self:on(event, function(...)
    off()
    return fn(...)
  end)
  return off
end

function Emitter:emit(event, ...)
  local list = self.handlers[event]
  if not list then return 0 end
  local snapshot = { table.unpack and table.unpack(list) or unpack(list) }
  for _, h in ipairs(snapshot) do h(...) end
  return #snapshot
end

return Emitter
