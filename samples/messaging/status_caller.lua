-- Caller side of the seed's status request/reply, with a 5 s timeout
local time = require("time")

local function main(input)
    local workflow_pid = input.target
    local response_ch = process.listen("status_response")
    process.send(workflow_pid, "get_status", {})

    local timeout = time.after("5s")
    local result = channel.select{
        response_ch:case_receive(),
        timeout:case_receive()
    }

    if result.channel == response_ch then
        local status = result.value
        return {answered = true, status = status}
    end
    return {answered = false, timed_out = result.channel == timeout}
end

return { main = main }
