-- Wippy's update protocol (update_manager.go): "ack" accepts, then "ok" or "error" completes;
-- "nak" before "ack" rejects; a reply out of order is an error value and changes nothing.
local function main()
    local inbox = process.inbox()
    local log = {}
    local function note(_, err) log[#log + 1] = err and err:message() or "no error" end
    while true do
        local msg = inbox:receive()
        local to, topic = msg:from(), msg:topic()
        if topic == "early" then
            note(process.send(to, "ok", "too soon"))
            process.send(to, "ack")
            note(process.send(to, "ack"))
            note(process.send(to, "nak", "too late"))
            note(process.send(to, "maybe"))
            process.send(to, "ok", log)
            note(process.send(to, "ok", "again"))
        elseif topic == "refuse" then
            process.send(to, "nak", "not now")
        elseif topic == "stop" then
            return log
        end
    end
end

return { main = main }
