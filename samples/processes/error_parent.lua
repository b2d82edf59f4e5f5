-- Error propagation from a child: the EXIT event carries an error object.
local function main(input)
    local events_ch = process.events()
    local child_pid, err = process.spawn(
        "app:error_child_workflow",
        "app:worker"
    )
    if err then
        return {status = "spawn_failed", error = tostring(err)}
    end

    local event = events_ch:receive()
    if event.result.error then
        local child_err = event.result.error
        return {
            kind = child_err:kind(),
            retryable = child_err:retryable(),
            message = child_err:message(),
            has_value = event.result.value ~= nil,
            from_child = event.from == child_pid,
        }
    end
    return {status = "no error"}
end

return { main = main }
