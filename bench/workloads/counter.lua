-- (b) A request/reply counter: every Update ("increment", "decrement", "finish") arrives as a
-- message; the reply goes back with process.send(msg:from(), ...): "ack" then "ok", or "nak"
-- (Wippy's update protocol).
local function main(input)
    local counter = input.initial or 0
    local served = 0
    local done = false

    local function serve(topic, sign)
        coroutine.spawn(function()
            local ch = process.listen(topic, {message = true})
            while not done do
                local msg, ok = ch:receive()
                if not ok then break end
                local data = msg:payload():data()
                local reply_to = msg:from()
                if type(data) ~= "table" or type(data.amount) ~= "number" then
                    process.send(reply_to, "nak", "amount must be a number")
                elseif counter + sign * data.amount < 0 then
                    process.send(reply_to, "nak", "would result in negative value")
                else
                    process.send(reply_to, "ack")
                    counter = counter + sign * data.amount
                    served = served + 1
                    process.send(reply_to, "ok", {value = counter, served = served})
                end
            end
        end)
    end

    serve("increment", 1)
    serve("decrement", -1)

    local finish = process.listen("finish", {message = true})
    local msg = finish:receive()
    process.send(msg:from(), "ack")
    process.send(msg:from(), "ok", {message = "finishing", served = served})
    done = true

    return {final_counter = counter, served = served}
end

return { main = main }
