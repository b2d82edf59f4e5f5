local time = require("time")

-- Spawns a child with the options given as input; returns its PID (the test reads the
-- options back from Temporal). With input.wait, also the child's EXIT result; with
-- input.cancel, cancels the child first and returns the EXIT error once told "close" (the
-- test tells it when the child has ended: a closed workflow's cancellation request may never
-- reach the child).
local function main(input)
    local pid, err = process.with_options(input.options)
        :spawn(input.workflow or "app:hello_workflow", "app:worker",
               input.args or {name = "options"})
    if err then return {error = tostring(err), kind = err:kind()} end
    if input.cancel then
        time.sleep("300ms")
        process.cancel(pid)
        local ev = process.events():receive()
        local e = ev.result.error
        process.listen("close"):receive()
        return {pid = pid, kind = e and e:kind(), message = e and e:message()}
    end
    if input.wait then
        local ev = process.events():receive()
        return {pid = pid, exit = ev.result.value}
    end
    return {pid = pid}
end

return { main = main }
