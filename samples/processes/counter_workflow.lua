-- Sums "increment" messages; returns after a "finish" message or when the sum reaches
-- input.target. Answers each increment to its sender when asked (reply = true).
local function main(input)
    local counter = input.initial or 0
    local seen = {}
    local inc = process.listen("increment", {message = true})
    local finish = process.listen("finish")
    while true do
        if input.target and counter >= input.target then break end
        local r = channel.select{inc:case_receive(), finish:case_receive()}
        if r.channel == finish then break end
        local msg = r.value
        local data = msg:payload():data()
        counter = counter + data.amount
        table.insert(seen, data.amount)
        if data.reply then
            process.send(msg:from(), "counted", {value = counter})
        end
    end
    return {counter = counter, initial = input.initial, seen = seen}
end

return { main = main }
