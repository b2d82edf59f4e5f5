local a = 1
local s = [[line one
line two]]
if a then
  print(a, s)
end
