local time = require("time")

-- process.cancel and process.terminate from a workflow: both request cancellation.
local function main(input)
    local events_ch = process.events()
    local p1 = process.spawn("app:long_workflow", "app:worker", {iterations = 1000})
    local p2 = process.spawn("app:long_workflow", "app:worker", {iterations = 1000})
    time.sleep("500ms")
    local ok1, err1 = process.cancel(p1, "5s")
    local ok2, err2 = process.terminate(p2)
    local out = {cancel_ok = ok1, terminate_ok = ok2}
    for _ = 1, 2 do
        local ev = events_ch:receive()
        local e = ev.result.error
        local key = (ev.from == p1) and "canceled" or "terminated"
        out[key] = {kind = e and e:kind(), message = e and e:message(), exit = ev.kind}
    end
    local _, nf = process.cancel("{temporal@app:worker|no-such-workflow-" .. process.pid() .. "}")
    out.unknown_kind = nf and nf:kind()
    return out
end

return { main = main }
