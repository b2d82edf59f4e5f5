local acc = {}
for i = 10, 1, -1 do acc[#acc + 1] = i end
for i = 1, 0 do error("never") end
for i = 1.0, 2.0, 0.25 do acc[#acc + 1] = i end
for i = -5, 5, 5 do acc[#acc + 1] = i end
local n = 3
for i = n * 2, n, -(n // 2) do acc[#acc + 1] = i end
for i = math.mininteger, math.mininteger + 2 do acc[#acc + 1] = i end
return acc
