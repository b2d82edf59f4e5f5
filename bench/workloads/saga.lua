-- (a) The seed's order saga with compensations: reserve, charge, a durable timer, ship; when
-- a step fails, the compensations recorded so far run in reverse order.
local funcs = require("funcs")
local time = require("time")

local function run_compensations(compensations)
    for _, comp in ipairs(compensations) do
        funcs.call(comp.action, comp.args)
    end
end

local function main(order)
    local compensations = {}

    local reservation, err = funcs.call("bench:reserve_inventory", order.items)
    if err then
        return {status = "failed", step = "inventory", error = tostring(err)}
    end
    table.insert(compensations, 1, {action = "bench:release_inventory", args = reservation.id})

    local payment, err = funcs.call("bench:charge_payment", {
        amount = order.total,
        customer = order.customer_id
    })
    if err then
        run_compensations(compensations)
        return {status = "failed", step = "payment", error = tostring(err)}
    end
    table.insert(compensations, 1, {action = "bench:refund_payment", args = payment.id})

    time.sleep(order.delay or "1h")

    local shipment, err = funcs.call("bench:ship_order", {
        order_id = order.id,
        address = order.shipping_address
    })
    if err then
        run_compensations(compensations)
        return {status = "failed", step = "shipping", error = tostring(err),
                compensated = #compensations}
    end

    return {
        status = "completed",
        payment_id = payment.id,
        tracking = shipment.tracking_number
    }
end

return { main = main }
