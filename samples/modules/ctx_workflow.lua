local ctx = require("ctx")
local funcs = require("funcs")
local workflow = require("workflow")

local function main()
    local user_id = ctx.get("user_id")
    local missing, err = ctx.get("nope")
    local _, empty_err = ctx.get("")
    local all = ctx.all()
    local seen_by_activity = funcs.call("app:read_context")
    return {
        user_id = user_id,
        tenant = all.tenant,
        request_id = all.request_id,
        missing_kind = err:kind(),
        empty_kind = empty_err:kind(),
        activity = seen_by_activity,
    }
end

return { main = main }
