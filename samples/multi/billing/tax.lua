local util = require("util")

local RATES = {KR = 10, DE = 19, US = 0}

local function compute(req)
    local rate = RATES[req.country]
    if rate == nil then
        return nil, "no tax rate for " .. tostring(req.country)
    end
    local tax = req.amount * rate // 100
    return {country = req.country, rate = rate, tax = util.money(tax),
            gross = util.money(req.amount + tax)}
end

return {compute = compute}
