local time = require("time")

-- Sends input.count numbered "tick" messages to a host process, one every 200ms, then waits
-- for "stop".
local function main(input)
    for i = 1, input.count do
        local ok, err = process.send(input.host, "tick", i)
        if err then return nil, err end
        time.sleep("200ms")
    end
    process.send(input.host, "done", input.count)
    process.listen("stop"):receive()
    return {sent = input.count}
end

return { main = main }
