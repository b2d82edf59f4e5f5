local funcs = require("funcs")

local function main(skus)
    local reserved, failed = {}, {}
    for _, sku in ipairs(skus) do
        local r, err = funcs.call("shop:reserve", sku)
        if err then
            failed[#failed + 1] = sku .. ": " .. err:message()
        else
            reserved[#reserved + 1] = r.sku
        end
    end
    return {reserved = reserved, failed = failed}
end

return main
