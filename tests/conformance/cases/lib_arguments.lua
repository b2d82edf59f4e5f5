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
-- case: metatable_functions_want_their_arguments
print(pcall(function() return setmetatable({}) end))
print(pcall(function() return setmetatable() end))
print(pcall(function() return setmetatable({}, 1) end))
print(getmetatable(setmetatable({}, nil)))
print(pcall(function() return getmetatable() end))
print(getmetatable(nil), getmetatable(1), getmetatable({}))
-- case: error_levels_and_their_type
print(pcall(function() error("a", 1) end))
print(pcall(function() error("b", 2) end))
print(pcall(function() error("c", 0) end))
print(pcall(function() error("d", 1.9) end))
print(pcall(function() error("e", "1") end))
print(pcall(function() error("f", true) end))
print(pcall(function() error("g", {}) end))
local function inner() error("h", 2) end
local function outer()
  inner()
end
print(pcall(outer))
print(pcall(inner))
local function lvl3() error("i", 3) end
local function mid() lvl3() end
local function top()
  mid()
end
print(pcall(top))
-- case: error_level_2_across_library_calls
local function cmp(a, b) error("in sort", 2) end
print(pcall(table.sort, {3, 1, 2}, cmp))
print(pcall(function() table.sort({3, 1, 2}, cmp) end))
local mt = {__index = function(t, k) error("no field " .. k, 2) end}
local obj = setmetatable({}, mt)
print(pcall(function()
  return obj.missing
end))
print(pcall(function() return ("x"):gsub("x", function() error("in gsub", 2) end) end))
local co = coroutine.wrap(function() error("in co", 2) end)
print(pcall(co))
-- case: os_time_date_table_fields_as_in_51
print(os.time({year=2020, month=1, day=1, hour=0}), os.time({year=2020, month=1, day=1}))
print(os.time({year=2020, month=13, day=1, hour=0}))
print(os.time({year=2020, month=2, day=30, hour=25, min=61, sec=61}))
print(pcall(function() return os.time({year=2020}) end))
print(pcall(function() return os.time({year=2020, month=1}) end))
print(pcall(function() return os.time({month=1, day=1}) end))
print(os.time({year="2020", month="1", day="1"}), os.time({year=2020.5, month=1.9, day=1}))
print(os.time({year=2020, month=1, day=1, hour="x"}))
print(pcall(function() return os.time({year=2020, month=1, day={}}) end))
print(os.time(os.date("!*t", 1e9)), os.date("!%Y-%m-%d %H:%M:%S", 1e9))
-- case: vm_errors_inside_library_functions_have_no_position
print(pcall(function() rawset({}, nil, 1) end))
print(pcall(function() next({}, "nokey") end))
print(pcall(function() table.sort({1, "x"}) end))
print(pcall(function() local t = {} t[nil] = 1 end))
print(pcall(function() return {} < {} end))
print(pcall(function()
  table.sort({1, 2, 3}, function(a, b)
    return a.x < b
  end)
end))
print(pcall(function() return ("x"):rep(2) .. nil end))
print(pcall(function() return string.rep({}) end))
-- case: integer_arguments_truncate_floats_as_51
print(string.format("%d %5.1f %x %c", 3.7, 2.25, 255.9, 65.5), string.format("%d", -2.5))
print(("hello"):sub(2.9, 4.1), ("x"):rep(2.5), ("abc"):byte(1.9, 3.2))
print(string.char(72.2, 105.9), ("banana"):find("a", 2.5), ("a-b"):gsub("%-", "+", 1.5))
local t = {1, 2, 3}
table.insert(t, 1.9, "x")
print(table.concat(t, ",", 1.5, 3.9), table.remove(t, 2.2), unpack({1, 2, 3}, 1.7))
print(select(2.9, "a", "b", "c"))
