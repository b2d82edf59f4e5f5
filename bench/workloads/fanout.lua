-- (c) A fan-out: one coroutine per job calls an activity and sends its result on a channel
-- (smaller than the number of jobs, so senders block); the main coroutine gathers them.
local funcs = require("funcs")

local function main(input)
    local n = input.count or 200
    local results = channel.new(16)

    for i = 1, n do
        coroutine.spawn(function()
            local r, err = funcs.call("bench:work", {id = i, weight = i % 7})
            if err then
                results:send({id = i, error = tostring(err)})
            else
                results:send({id = i, value = r.value})
            end
        end)
    end

    local total, failed, max_id = 0, 0, 0
    for _ = 1, n do
        local r = results:receive()
        if r.error then
            failed = failed + 1
        else
            total = total + r.value
        end
        if r.id > max_id then max_id = r.id end
    end

    return {count = n, total = total, failed = failed, max_id = max_id}
end

return { main = main }
