-- Shipping zones and labels: a library shared by whoever imports it.
local M = {}

local ZONES = {
    Seoul = {code = "KR-11", days = 1},
    Busan = {code = "KR-26", days = 2},
}

function M.zone_of(address)
    return ZONES[address]
end

function M.label(order_id, zone)
    return string.format("%s/%s/%dd", zone.code, order_id, zone.days)
end

return M
