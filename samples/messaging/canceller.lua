local time = require("time")

local function main()
    local events = process.events()
    local ev = events:receive()
    -- the code decides: clean up, then finish normally
    time.sleep("1s")
    return {got = ev.kind, is_cancel = ev.kind == process.event.CANCEL, from = ev.from,
            at = ev.at}
end

return { main = main }
