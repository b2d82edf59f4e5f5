-- An order: charge (retried twice on a retryable failure), wait for settlement, ship (two
-- attempts), and refund the charge when shipping fails.
local funcs = require("funcs")
local time = require("time")

local function two_attempts()
    return funcs.new():with_options({
        ["activity.retry_policy"] = {maximum_attempts = 2, initial_interval = 100}
    })
end

local function main(order)
    local charge, err = two_attempts():call("app:charge_payment", {
        amount = order.total,
        currency = "usd",
        payment_token = order.payment_token
    })
    if err then
        return {status = "payment_failed", kind = err:kind(), retryable = err:retryable(),
                error = err:message()}
    end

    time.sleep(order.settle or "1h")

    local shipment, ship_err = two_attempts():call("app:ship_order", {
        order_id = order.id,
        address = order.shipping_address
    })
    if ship_err then
        local refund, refund_err = funcs.call("app:refund_payment", charge.id)
        return {status = "refunded", kind = ship_err:kind(), error = ship_err:message(),
                refund = refund and refund.id, refund_error = refund_err and tostring(refund_err)}
    end

    -- a Python activity, served beside the Lua ones
    funcs.call("app:notify_customer", {order_id = order.id, tracking = shipment.tracking})
    return {status = "completed", charge = charge.id, tracking = shipment.tracking,
            label = shipment.label}
end

return { main = main }
