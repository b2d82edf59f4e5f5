local handlers = {}

handlers["order.created"] = function(e) return "create " .. e.id end
handlers["order.paid"] = function(e) return "pay " .. e.id .. " " .. e.amount end
handlers["order.cancelled"] = function(e, reason) return "cancel " .. e.id .. " (" .. (reason or "?") .. ")" end

local function dispatch(event, ...)
  local h = handlers[event.type] or function() return "ignored " .. event.type end
  return h(event, ...)
end

local events = {
  { type = "order.created", id = 1 },
  { type = "order.paid", id = 1, amount = 9.99 },
  { type = "order.refunded", id = 1 },
  { type = "order.cancelled", id = 2 },
}
for _, e in ipairs(events) do print(dispatch(e, "customer request")) end
