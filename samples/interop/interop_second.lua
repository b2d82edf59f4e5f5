-- The definition interop_parent continues as: one more activity on the Go side.
local funcs = require("funcs")

local function main(input)
    local go = funcs.new():with_options({["activity.task_queue"] = input.go_queue})
    local _, err = go:call("go:record", "after upgrade")
    if err then return nil, err end
    return "second"
end

return { main = main }
