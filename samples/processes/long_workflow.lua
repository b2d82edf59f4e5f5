local time = require("time")

-- Counts iterations of 100ms; a cancellation request (a CANCEL event) ends it with a
-- Canceled error: the code decides what a cancellation means.
local function main(input)
    local events = process.events()
    local n = input.iterations or 100
    for i = 1, n do
        local r = channel.select{
            events:case_receive(),
            time.after("100ms"):case_receive(),
        }
        if r.channel == events and r.value.kind == process.event.CANCEL then
            return nil, errors.new({kind = errors.CANCELED, message = "canceled at " .. i,
                                    retryable = false})
        end
    end
    return {iterations = n}
end

return { main = main }
