local t = { 5, 3, 8 }
table.insert(t, 1)
table.insert(t, 1, 0)
local removed = table.remove(t)
local first = table.remove(t, 1)
table.sort(t)
local joined = table.concat(t, ", ", 1, #t)
local packed = table.pack(1, nil, 3)
local moved = table.move and table.move({ 1, 2, 3 }, 1, 3, 2, {}) or {}
local unpacked = { table.unpack({ "a", "b", "c" }, 2) }
print(removed, first, joined, packed.n, #moved, #unpacked, select("#", table.unpack({}, 1, 3)))
