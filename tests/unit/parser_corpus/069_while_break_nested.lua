local grid = {
  { 1, 2, 3 },
  { 4, 0, 6 },
  { 7, 8, 9 },
}

local found_r, found_c
local r = 1
while r <= #grid do
  local c = 1
  while c <= #grid[r] do
    if grid[r][c] == 0 then
      found_r, found_c = r, c
      break
    end
    c = c + 1
  end
  if found_r then break end
  r = r + 1
end

local count = 0
repeat
  local inner = 0
  repeat
    inner = inner + 1
    if inner == 2 then break end
  until inner > 5
  count = count + inner
until count >= 6
print(found_r, found_c, count)
