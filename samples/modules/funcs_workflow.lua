local funcs = require("funcs")

local function main(input)
    local out = {}

    -- a missing activity: NotFound, retryable
    local exec1 = funcs.new():with_options({
        ["activity.retry_policy"] = {maximum_attempts = 1},
        ["activity.start_to_close_timeout"] = "5s",
    })
    local _, err = exec1:call("app:no_such_activity", 1)
    out.missing_kind = err:kind()
    out.missing_retryable = err:retryable()

    -- a crash inside a Python activity: Internal, its message kept
    local _, err2 = exec1:call("app:crash", "boom")
    out.crash_kind = err2:kind()
    out.crash_message = err2:message()

    -- an ApplicationError with a Wippy kind keeps kind and retryable
    local _, err3 = exec1:call("app:typed_error", "Conflict")
    out.typed_kind = err3:kind()
    out.typed_retryable = err3:retryable()

    -- futures
    local fut = funcs.async("app:echo", {n = 1})
    local fut2 = funcs.new():with_context({tenant = "t-9"}):async("app:echo_ctx")
    local payload = fut:channel():receive()
    out.future_data = payload:data()
    out.future_complete = fut:is_complete()
    local p2, e2 = fut2:result()
    out.context_seen = p2:data()
    local fut3 = exec1:async("app:crash", "late")
    local p3, e3 = fut3:result()
    out.future_error_kind = e3:kind()
    out.future_error_again = fut3:error():kind()
    return out
end

return { main = main }
