local workflow = require("workflow")
local funcs = require("funcs")

local function main(input)
    local v = workflow.version("payment-v2", -1, 2)
    local again = workflow.version("payment-v2", -1, 2)
    local result
    if v == 1 then
        result = funcs.call("app:old_payment", input)
    else
        result = funcs.call("app:new_payment", input)
    end
    return {version = v, again = again, result = result}
end

return { main = main }
