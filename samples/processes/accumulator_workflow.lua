-- Request/reply over messages: "add" is answered ack + ok (or nak), "fail" with error;
-- Temporal Updates arrive the same way. "stop" ends it.
local function main(input)
    local total = input and input.start or 0
    local inbox = process.inbox()
    while true do
        local msg = inbox:receive()
        local topic = msg:topic()
        local data = msg:payload() and msg:payload():data()
        if topic == "add" then
            if type(data) ~= "table" or type(data.amount) ~= "number" then
                process.send(msg:from(), "nak", "amount must be a number")
            else
                process.send(msg:from(), "ack")
                total = total + data.amount
                process.send(msg:from(), "ok", {total = total})
            end
        elseif topic == "fail" then
            process.send(msg:from(), "ack")
            process.send(msg:from(), "error", "cannot do that")
        elseif topic == "stop" then
            return {total = total}
        end
    end
end

return { main = main }
