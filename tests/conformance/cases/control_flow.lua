-- lua: 5.3
local out = {}
for i = 10, 1, -3 do out[#out + 1] = i end
print(table.concat(out, " "))
for i = 1, 3 do
  for j = 1, 3 do
    if j == 2 then break end
    out[#out + 1] = i * 10 + j
  end
end
print(table.concat(out, " "))
local n = 0
while true do n = n + 1; if n > 5 then break end end
local m = 0
repeat local k = m; m = m + 1 until k >= 3
print(n, m)
for i = 1, 5 do
  if i % 2 == 0 then goto continue end
  io_ok = (io_ok or 0) + i
  ::continue::
end
print(io_ok)
print(1 and 2, nil and 1, false or "x", nil or false, not nil, not 0)
local x = 0
if x then print("0 is true") end
if "" then print("empty string is true") end
for i = 1.0, 2.0, 0.5 do print(i) end
