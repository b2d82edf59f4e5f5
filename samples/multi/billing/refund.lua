local funcs = require("funcs")
local errors = require("errors")

local function main(req)
    if not req.payment_id then
        return nil, errors.new({message = "payment_id is required", kind = errors.INVALID, retryable = false})
    end
    local r, err = funcs.call("billing:refund", req.payment_id)
    if err then
        return {refunded = false, reason = err:message(), kind = err:kind()}
    end
    return {refunded = true, id = r.id}
end

return main
