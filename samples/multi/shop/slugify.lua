local util = require("util")

local function main(titles)
    local out = {}
    for i, title in ipairs(titles) do
        out[i] = util.slug(title)
    end
    return table.concat(out, ",")
end

return main
