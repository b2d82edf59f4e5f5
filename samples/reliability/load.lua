-- Counts every "item" signal (payload: its sequence number) until input.count arrived.
local function main(input)
    local ch = process.listen("item")
    local seen = {}
    local n, sum, dup = 0, 0, 0
    while n < input.count do
        local v = ch:receive()
        if seen[v] then dup = dup + 1 end
        seen[v] = true
        n = n + 1
        sum = sum + v
    end
    local missing = 0
    for i = 1, input.count do
        if not seen[i] then missing = missing + 1 end
    end
    return {count = n, sum = sum, duplicates = dup, missing = missing}
end

return {main = main}
