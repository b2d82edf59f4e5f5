-- A counter that answers each "increment" with the request/reply pattern of SEMANTICS.md
-- section 3: "ack" at once, then "ok" with the new total, both to the message's sender.
-- Ends after a "finish" message.
local function main(input)
    local counter = input.initial or 0
    local inc = process.listen("increment", {message = true})
    local finish = process.listen("finish")
    while true do
        local r = channel.select{inc:case_receive(), finish:case_receive()}
        if r.channel == finish then break end
        local msg = r.value
        counter = counter + msg:payload():data().amount
        process.send(msg:from(), "ack")
        process.send(msg:from(), "ok", {value = counter})
    end
    return {counter = counter}
end

return { main = main }
