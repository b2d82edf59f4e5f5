-- Start messages from a workflow: a batch with the start, and a second spawn under the same
-- name (use_existing) that only delivers its messages.
local function main(input)
    local events_ch = process.events()
    local name = input.name

    local spawner = process
        .with_options({})
        :with_name(name .. "-batch")
        :with_message("increment", {amount = 2})
        :with_message("increment", {amount = 1})
        :with_message("increment", {amount = 4})

    local pid, err = spawner:spawn_monitored(
        "app:counter_workflow",
        "app:worker",
        {initial = 0, target = 7}
    )
    if err then return nil, err end
    local ev = events_ch:receive()

    local first = process
        .with_options({})
        :with_name(name .. "-existing")
        :with_message("increment", {amount = 3})
    local pid1, err1 = first:spawn("app:counter_workflow", "app:worker", {initial = 0, target = 5})
    if err1 then return nil, err1 end

    local second = process
        .with_options({})
        :with_name(name .. "-existing")
        :with_message("increment", {amount = 2})
    local pid2, err2 = second:spawn("app:counter_workflow", "app:worker", {initial = 999})
    if err2 then return nil, err2 end
    local ev2 = events_ch:receive()

    return {
        batch = ev.result.value,
        batch_pid = pid,
        batch_from = ev.from == pid,
        same_pid = pid1 == pid2,
        existing = ev2.result.value,
    }
end

return { main = main }
