local funcs = require("funcs")
local util = require("util")

local function main(req)
    local lines = {}
    for i, item in ipairs(req.items) do
        lines[i] = item.name .. " " .. util.money(item.price)
    end
    local total = util.sum(req.items, "price")
    local stored, err = funcs.call("billing:store_invoice", {
        customer = req.customer,
        lines = lines,
        total = total
    })
    if err then
        return nil, err
    end
    return {invoice = stored.number, total = util.money(total), lines = lines}
end

return main
