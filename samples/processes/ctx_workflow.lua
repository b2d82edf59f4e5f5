local ctx = require("ctx")
local funcs = require("funcs")

local function main()
    local all = ctx.all()
    return {
        user_id = ctx.get("user_id"),
        tenant = ctx.get("tenant"),
        request_id = all.request_id,
        activity = funcs.call("app:read_context"),
    }
end

return { main = main }
