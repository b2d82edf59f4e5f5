local function check(amount)
    if type(amount) ~= "number" then
        error("amount must be a number, got " .. type(amount))
    end
    if amount <= 0 then
        return false, "amount must be positive"
    end
    return true
end

local function main(amount)
    local ok, why = pcall(check, amount)
    if not ok then
        return nil, "invalid input: " .. tostring(why)
    end
    if why then
        return "ok"
    end
    local valid, reason = check(amount)
    return nil, reason
end

return main
