-- Executor and spawner options as Go reads them: only activity.* / temporal.activity.* keys
-- count (unknown and bare keys are ignored), each with_options replaces the options before it,
-- a bad value is the call's nil, err; spawner option keys must be strings.
local funcs = require("funcs")

local function main(input)
    local out = {}
    local e1 = funcs.new():with_options({
        ["activity.task_queue"] = input.go_queue,
        ["activity.no_such_option"] = true,
        task_queue = "nowhere",
        ["temporal.activity.summary"] = "recorded by the Go side",
        ["activity.schedule_to_close_timeout"] = "1h",
    })
    out.ignored = e1:call("go:record", "options")

    local _, bad = e1:with_options({["activity.start_to_close_timeout"] = "soon"})
        :call("go:record", "never")
    out.bad_value = bad:message()

    -- the Go side's queue was in e1's options only: e2 schedules on this workflow's own queue,
    -- where nothing serves go:record
    local e2 = e1:with_options({["activity.retry_policy"] = {MaximumAttempts = 1}})
    local _, missing = e2:call("go:record", "replaced")
    out.replaced_kind = missing:kind()

    local ok, spawner_err = pcall(process.with_options, {"workflow.id"})
    out.spawner_ok = ok
    out.spawner_err = spawner_err
    return out
end

return { main = main }
