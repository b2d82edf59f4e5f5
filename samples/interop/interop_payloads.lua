-- A table with a function, an error object, a boolean and a non-integral number key, sent to
-- the Go side: encoded as Go's json.go encodes it.
local funcs = require("funcs")

local function main(input)
    local go = funcs.new():with_options({["activity.task_queue"] = input.go_queue})
    local t = {items = {1, function() end, 3}, err = errors.new("card declined"), n = 0.5}
    t[true] = "yes"
    t[1.5] = "half"
    t[-1] = "minus one"
    return go:call("go:keep", t)
end

return { main = main }
