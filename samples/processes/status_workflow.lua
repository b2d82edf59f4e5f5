-- The seed's request/response: answers get_status to the sender (a host process) and,
-- unless told to finish at once, waits for "finish".
local function main(input)
    local ch = process.listen("get_status", {message = true})
    local msg = ch:receive()
    process.send(msg:from(), "status_response", {status = "processing", progress = 75})
    if not input.exit_after_reply then
        process.listen("finish"):receive()
    end
    return {replied_to = msg:from()}
end

return { main = main }
