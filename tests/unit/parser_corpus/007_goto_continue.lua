local results = {}
for i = 1, 20 do
  if i % 3 == 0 then goto continue end
  if i > 15 then goto done end
  results[#results + 1] = i
  ::continue::
end
::done::

local j = 0
while true do
  j = j + 1
  if j < 4 then goto next_iteration end
  do break end
  ::next_iteration::
end

do
  local k = 0
  ::top::
  k = k + 1
  if k < 3 then goto top end
end
return results
