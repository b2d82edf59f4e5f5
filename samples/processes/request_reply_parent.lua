-- Start messages carry the parent's PID as their sender: the child replies to msg:from() and
-- the replies reach this workflow, for the messages that go with the start and for those
-- delivered to an already running child (use_existing).
local function main(input)
    local acks = process.listen("ack", {message = true})
    local oks = process.listen("ok", {message = true})
    local name = input.name

    local pid, err = process.with_options({})
        :with_name(name)
        :with_message("increment", {amount = 2})
        :with_message("increment", {amount = 3})
        :spawn_monitored("app:ack_counter_workflow", "app:worker", {initial = 0})
    if err then return nil, err end
    local again, err2 = process.with_options({})
        :with_name(name)
        :with_message("increment", {amount = 5})
        :spawn("app:ack_counter_workflow", "app:worker", {initial = 100})
    if err2 then return nil, err2 end

    local replies = {}
    for _ = 1, 3 do
        local ack = acks:receive()
        local ok = oks:receive()
        table.insert(replies, {ack_from = ack:from(), ok_from = ok:from(),
                               value = ok:payload():data().value})
    end
    process.send(pid, "finish")
    local exit = process.events():receive()
    return {pid = pid, same_pid = again == pid, replies = replies,
            child = exit.result.value, self = process.pid()}
end

return { main = main }
