-- Failures of Go activities as Lua sees them: a Wippy error chain, an error type Wippy does not
-- know, a timeout, an activity nobody registered. Each as {kind, message, retryable, details}.
local funcs = require("funcs")

local function main(input)
    local go = funcs.new():with_options({
        ["activity.task_queue"] = input.go_queue,
        ["activity.retry_policy"] = {maximum_attempts = 1},
        ["activity.start_to_close_timeout"] = "1s",
    })
    local out = {}
    for _, name in ipairs({"go:fail_chain", "go:fail_plain", "go:slow", "go:missing"}) do
        local _, err = go:call(name)
        out[name] = {kind = err:kind(), message = err:message(), retryable = err:retryable(),
                     details = err:details()}
    end
    return out
end

return { main = main }
