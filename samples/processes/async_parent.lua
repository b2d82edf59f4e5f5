-- The seed's asynchronous child: spawn, then wait for its EXIT event.
local function main(input)
    local events_ch = process.events()

    local child_pid, err = process.spawn(
        "app:child_workflow",
        "app:worker",
        {message = "hello from parent"}
    )
    if err then
        return {status = "spawn_failed", error = tostring(err)}
    end

    local event = events_ch:receive()
    local out = {
        kind = event.kind,
        is_exit = event.kind == process.event.EXIT,
        from_child = event.from == child_pid,
        child_pid = child_pid,
        me = process.pid(),
    }
    if event.kind == process.event.EXIT then
        out.child_result = event.result.value
        out.child_error = event.result.error ~= nil
    end

    -- monitored and linked spawns deliver EXIT too
    local p2 = process.spawn_monitored("app:hello_workflow", "app:worker", {name = "monitored"})
    local e2 = events_ch:receive()
    local p3 = process.spawn_linked("app:hello_workflow", "app:worker", {name = "linked"})
    local e3 = events_ch:receive()
    out.monitored = {same = e2.from == p2, value = e2.result.value}
    out.linked = {same = e3.from == p3, value = e3.result.value}

    -- inside a workflow, monitor/link after start are not supported
    local ok, merr = process.monitor(child_pid)
    local ok2, lerr = process.link(child_pid)
    local _, uerr = process.unmonitor(child_pid)
    local _, ulerr = process.unlink(child_pid)
    out.monitor_ok = ok == nil
    out.monitor_err = tostring(merr)
    out.link_err = tostring(lerr)
    out.unmonitor_err = tostring(uerr)
    out.unlink_err = tostring(ulerr)
    return out
end

return { main = main }
