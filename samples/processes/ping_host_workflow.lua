-- A ping to a process that is not a workflow (a host process), answered with a pong.
local function main(input)
    local ok, err = process.send(input.host, "ping", {n = input.n, from = process.pid()})
    if err then
        return {ok = false, error = tostring(err)}
    end
    local msg = process.listen("pong", {message = true}):receive()
    return {ok = true, pong = msg:payload():data(), pong_from = msg:from()}
end

return { main = main }
