-- Everything a workflow starts or signals on the Go side: an activity, a child run to its end,
-- a child that waits for a signal; then it continues as another definition.
local funcs = require("funcs")

local function main(input)
    local q = input.go_queue
    local go = funcs.new():with_options({["activity.task_queue"] = q})
    local _, err = go:call("go:record", "activity")
    if err then return nil, err end
    local _, cerr = process.exec("go:child", q, "child")
    if cerr then return nil, cerr end
    local waiter, werr = process.spawn("go:waiter", q)
    if werr then return nil, werr end
    process.send(waiter, "ping", "signal")
    process.events():receive()
    process.upgrade("app:interop_second", {go_queue = q})
end

return { main = main }
