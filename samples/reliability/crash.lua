-- Survives a worker killed at any point: activities in flight, durable timers pending and
-- signals waiting unread in the mailbox all live in the workflow's history.
local time = require("time")
local funcs = require("funcs")

local function main(input)
    local exec = funcs.new():with_options({
        ["activity.start_to_close_timeout"] = input.activity_timeout,
        ["activity.retry_policy"] = {initial_interval = "100ms", backoff_coefficient = 1},
    })

    -- phase 1: an activity and a timer per round; "item" signals pile up unread meanwhile
    local steps = {}
    for i = 1, input.rounds do
        local fut, err = exec:async("rel:step", {i = i, sleep = input.activity_sleep})
        if err then return nil, err end
        local tick = time.after(input.tick)
        local payload, perr = fut:result()
        if perr then return nil, perr end
        steps[#steps + 1] = payload:data()
        tick:receive()
    end

    -- phase 2: drain the signals in a coroutine while a timer runs in the main one
    local items = process.listen("item")
    local seen = {}
    local drained = channel.new(1)
    coroutine.spawn(function()
        while #seen < input.signals do
            local v = items:receive()
            seen[#seen + 1] = v
        end
        drained:send(true)
    end)
    local waited = 0
    local tick = time.ticker(input.tick)
    while true do
        local r = channel.select({drained:case_receive(), tick:channel():case_receive()})
        if r.channel == drained then break end
        waited = waited + 1
    end
    tick:stop()
    local dup = 0
    local have = {}
    for _, v in ipairs(seen) do
        if have[v] then dup = dup + 1 end
        have[v] = true
    end
    return {steps = steps, seen = seen, duplicates = dup}
end

return {main = main}
