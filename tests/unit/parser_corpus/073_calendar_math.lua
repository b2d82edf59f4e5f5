local DAYS = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 }

local function is_leap(y) return y % 4 == 0 and (y % 100 ~= 0 or y % 400 == 0) end

local function days_in_month(y, m)
  if m == 2 and is_leap(y) then return 29 end
  return DAYS[m]
end

local function day_of_year(y, m, d)
  local n = d
  for i = 1, m - 1 do n = n + days_in_month(y, i) end
  return n
end

local function weekday(y, m, d)
  local t = { 0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4 }
  if m < 3 then y = y - 1 end
  return (y + y // 4 - y // 100 + y // 400 + t[m] + d) % 7
end

local names = { [0] = "Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat" }
print(day_of_year(2024, 3, 1), names[weekday(2024, 1, 1)], is_leap(1900), is_leap(2000))
