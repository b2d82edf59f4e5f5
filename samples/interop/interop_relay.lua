-- Fails with the error a Go activity returned: the chain goes back on the wire as it came.
local funcs = require("funcs")

local function main(input)
    local go = funcs.new():with_options({["activity.task_queue"] = input.go_queue})
    local _, err = go:call("go:fail_chain")
    return nil, err
end

return { main = main }
