local workflow = require("workflow")

local function main(order)
    local ok, err = workflow.attrs({
        search = {
            CustomKeywordField = "processing",
            CustomIntField = order.total,
            CustomBoolField = true,
        },
        memo = {
            notes = "Priority customer",
            source = "web"
        }
    })
    return {ok = ok, err = err and tostring(err)}
end

return { main = main }
