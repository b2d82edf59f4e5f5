-- Workflow side of the seed's status request/reply
local function main()
    local ch = process.listen("get_status", {message = true})
    local msg = ch:receive()
    process.send(msg:from(), "status_response", {status = "processing", progress = 75})
    return {answered = msg:from()}
end

return { main = main }
