local function main()
    local results = channel.new()
    coroutine.spawn(function()
        local job = channel.new()
        job:receive()          -- nobody ever sends: blocked for good
        results:send("done")
    end)
    return results:receive()
end

return { main = main }
