local total = 0
for _, v in ipairs({1, 2, 3}) do
  if v == 2 then goto continue end
  total = total + v
  ::continue::
end
local n = 0
repeat n = n + 1 until n >= 3
while n > 0 do n = n - 1 end
for k, v in pairs({a = 1}) do total = total + v end
return total
