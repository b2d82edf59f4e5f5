-- Shared helpers for the shop and billing workflows.
local fmt = require("fmt")

local util = {}

function util.greeting(name)
    return "Hello, " .. (name or "stranger") .. "!"
end

function util.sum(items, field)
    local total = 0
    for _, item in ipairs(items) do
        total = total + (item[field] or 0)
    end
    return total
end

function util.slug(s)
    s = string.lower(s)
    s = string.gsub(s, "[^%w]+", "-")
    s = string.gsub(s, "^%-+", "")
    s = string.gsub(s, "%-+$", "")
    return s
end

function util.money(cents)
    return fmt.money(cents)
end

function util.keys(t)
    local out = {}
    for k in pairs(t) do
        out[#out + 1] = k
    end
    table.sort(out)
    return out
end

return util
