local util = require("util")

local function main(name)
    return util.greeting(name)
end

return main
