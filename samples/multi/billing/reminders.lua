local funcs = require("funcs")
local time = require("time")

local function main(req)
    local sent = {}
    for i = 1, req.count do
        time.sleep(req.every)
        local r = funcs.call("billing:send_reminder", {customer = req.customer, n = i})
        sent[#sent + 1] = r
    end
    return {customer = req.customer, sent = sent}
end

return main
