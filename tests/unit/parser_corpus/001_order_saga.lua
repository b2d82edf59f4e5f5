-- Order saga: reserve, charge, ship, with compensations on failure.
local funcs = require("funcs")
local time = require("time")

local function run_compensations(stack)
  for i = #stack, 1, -1 do
    local comp = stack[i]
    local ok, err = pcall(comp.fn, comp.args)
    if not ok then
      print("compensation failed: " .. tostring(err))
    end
  end
end

local function step(name, args)
  local result, err = funcs.call("app.orders:" .. name, args)
  if err then
    return nil, name .. " failed: " .. err
  end
  return result
end

local function saga(order)
  local compensations = {}
  local reservation, err = step("reserve", { id = order.id, items = order.items })
  if not reservation then
    return { status = "failed", reason = err }
  end
  compensations[#compensations + 1] = { fn = function(a) return step("release", a) end, args = reservation }

  local payment
  payment, err = step("charge", { id = order.id, amount = order.total })
  if not payment then
    run_compensations(compensations)
    return { status = "failed", reason = err }
  end
  table.insert(compensations, { fn = function(a) return step("refund", a) end, args = payment })

  time.sleep("2s")
  local shipment = step("ship", { id = order.id, address = order.address })
  if shipment == nil then
    run_compensations(compensations)
    return { status = "compensated" }
  end
  return { status = "done", tracking = shipment.tracking }
end

return saga
