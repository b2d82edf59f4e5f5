-- lua: 5.1
-- case: tostring_extra_and_missing_arguments
local function none() end
local function two() return 7, 8 end
print(tostring(1, 2), tostring("a", nil, 3), tostring(two()))
print(pcall(function() return tostring() end))
print(pcall(function() return tostring(none()) end))
local f = tostring
print(f(3, 4))
local t = {tostring, type}
print(t[1](true, false), t[2]({}, 1))
print(select("#", tostring(nil)), tostring(nil, 1))
-- case: type_with_a_call_giving_nothing
local function none() end
print(pcall(function() return type() end))
print(pcall(function() return type(none()) end))
print(type((none())), type(nil, 1))
-- case: os_difftime_and_date_arguments
print(os.difftime(10, 4), os.difftime(10), os.difftime("10", "2"))
print(pcall(function() return os.difftime() end))
print(pcall(function() return os.difftime({}) end))
print(pcall(function() return os.difftime(1, true) end))
print(pcall(function() return os.date(true) end))
print(pcall(function() return os.date({}) end))
print(os.date("!%Y-%m-%d %H:%M:%S", 86400 * 365), os.date("!%Y", "0"))
print(pcall(function() return os.date("%Y", "soon") end))
print(type(os.date("!*t", 0)), os.date("!*t", 0).year)
