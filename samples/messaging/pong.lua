local function main()
    local ch = process.listen("cross_host_ping", {message = true})
    local msg = ch:receive()
    local data = msg:payload():data()
    process.send(msg:from(), "cross_host_pong", {reply = data.data .. "!", sender_matches = msg:from() == data.from})
    return {pinged_by = msg:from()}
end

return { main = main }
