local funcs = require("funcs")
local time = require("time")

local function main(order)
    local payment, err = funcs.call("shop:charge", {
        amount = order.total,
        customer = order.customer
    })
    if err then
        return {status = "failed", step = "payment", error = tostring(err)}
    end

    time.sleep(order.wait or "1s")

    local shipment, err2 = funcs.call("shop:ship", {order_id = order.id, address = order.address})
    if err2 then
        funcs.call("shop:refund", payment.id)
        return {status = "refunded", error = tostring(err2)}
    end
    return {status = "completed", payment_id = payment.id, tracking = shipment.tracking}
end

return {main = main}
