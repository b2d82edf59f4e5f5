local funcs = require("funcs")
local time = require("time")

local M = {}

function M.run(req)
    local level = req.level
    local rounds = 0
    while level < req.target do
        local got = funcs.call("shop:supplier_delivery", {sku = req.sku, want = req.target - level})
        level = level + got
        rounds = rounds + 1
        time.sleep(req.pause or "1m")
    end
    return {sku = req.sku, level = level, rounds = rounds}
end

return M
