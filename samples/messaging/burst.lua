-- Receives input.count "item" messages and returns them in the order they arrived.
local function main(input)
    local ch = process.listen("item")
    local seen = {}
    for _ = 1, input.count do
        seen[#seen + 1] = ch:receive()
    end
    return {count = #seen, seen = seen}
end

return { main = main }
