local funcs = require("funcs")
local util = require("util")

local function main(customer)
    local invoices = funcs.call("billing:list_invoices", customer)
    local by_month = {}
    for _, inv in ipairs(invoices) do
        local m = string.sub(inv.date, 1, 7)
        by_month[m] = (by_month[m] or 0) + inv.total
    end
    local rows = {}
    for _, m in ipairs(util.keys(by_month)) do
        rows[#rows + 1] = m .. " " .. util.money(by_month[m])
    end
    return {customer = customer, months = rows}
end

return main
