-- Calls input.activity input.n times, one after the other: each call is one round trip.
local funcs = require("funcs")

return function(input)
    local last
    for i = 1, input.n do
        local r, err = funcs.call(input.activity, input.order)
        if err then return nil, err end
        last = r
    end
    return last
end
