-- A function entry's meta.options are the defaults of every call of it; an executor's options
-- override them (Go's mergedFunctionTaskOptions).
local funcs = require("funcs")

local function main()
    local _, plain = funcs.call("app:always_fails")
    local _, once = funcs.new():with_options({["activity.retry_policy"] = {maximum_attempts = 1}})
        :call("app:always_fails")
    local _, s2c = funcs.new():with_options({["activity.schedule_to_close_timeout"] = "20s"})
        :call("app:always_fails")
    return {plain = plain:details()._retry_state, plain_kind = plain:kind(),
            once = once:details()._retry_state, s2c = s2c:details()._retry_state}
end

return { main = main }
