local util = require("util")

local function main(cart)
    local subtotal = util.sum(cart.items, "price")
    local discount = 0
    if subtotal >= 10000 then
        discount = subtotal // 10
    end
    return {
        items = #cart.items,
        subtotal = util.money(subtotal),
        discount = util.money(discount),
        total = util.money(subtotal - discount),
    }
end

return main
