local function main(input)
    local ch = process.listen("item")
    local seen = {}
    local in_order = true
    for i = 1, input.count do
        local v = ch:receive()
        if v ~= i then in_order = false end
        seen[#seen + 1] = v
    end
    return {count = #seen, in_order = in_order, first = seen[1], last = seen[#seen]}
end

return { main = main }
