-- An order priced: lines summed with discounts and tax, a receipt line per item.
local json = require("json")

local function main(order)
    local subtotal, lines = 0, {}
    for _, item in ipairs(order.items) do
        local price = item.price * item.qty
        if item.qty >= 10 then
            price = price * 0.9
        end
        subtotal = subtotal + price
        lines[#lines + 1] = string.format("%-12s %3d x %8.2f = %9.2f", item.sku, item.qty,
                                          item.price, price)
    end
    local tax = math.floor(subtotal * order.tax_rate * 100 + 0.5) / 100
    return {
        subtotal = subtotal,
        tax = tax,
        total = subtotal + tax,
        receipt = table.concat(lines, "\n"),
        digest = #json.encode(lines),
    }
end

return main
