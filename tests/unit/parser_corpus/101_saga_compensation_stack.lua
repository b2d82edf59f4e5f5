local funcs = require("funcs")

local Saga = {}
Saga.__index = Saga

function Saga.new(name) return setmetatable({ name = name, undo = {}, log = {} }, Saga) end

function Saga:step(label, action, compensate)
  local ok, result = pcall(action)
  self.log[#self.log + 1] = { step = label, ok = ok }
  if not ok then
    self:rollback(label, result)
    error({ saga = self.name, failed_step = label, cause = result }, 0)
  end
  if compensate then
    table.insert(self.undo, 1, { label = label, fn = function() return compensate(result) end })
  end
  return result
end

function Saga:rollback(failed_label, cause)
  for _, u in ipairs(self.undo) do
    local ok, err = pcall(u.fn)
    self.log[#self.log + 1] = { step = "undo " .. u.label, ok = ok, error = err, because = failed_label }
  end
  self.undo = {}
  return cause
end

return function(trip)
  local saga = Saga.new("book-trip")
  local ok, err = pcall(function()
    local flight = saga:step("flight", function() return funcs.call("travel:book_flight", trip.flight) end,
      function(f) return funcs.call("travel:cancel_flight", f.id) end)
    local hotel = saga:step("hotel", function() return funcs.call("travel:book_hotel", trip.hotel) end,
      function(h) return funcs.call("travel:cancel_hotel", h.id) end)
    saga:step("car", function() return funcs.call("travel:book_car", trip.car) end)
    return flight, hotel
  end)
  return { ok = ok, error = not ok and err or nil, log = saga.log }
end
