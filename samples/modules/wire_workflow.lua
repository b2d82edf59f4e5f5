local funcs = require("funcs")

local function main(input)
    local r = funcs.call("app:echo", {
        text = "한국어",
        big = 9007199254740993,
        ratio = 2.5,
        whole = 10 / 2,
        list = {1, 2, 3},
        empty = {},
        nested = {a = {}, b = {x = true}},
    })
    if input.fail then
        error({kind = "never"})
    end
    if input.fail_string then
        return nil, "bad order"
    end
    return r
end

return { main = main }
