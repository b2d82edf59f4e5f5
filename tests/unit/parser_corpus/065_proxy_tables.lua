local function readonly(t)
  return setmetatable({}, {
    __index = t,
    __newindex = function(_, k) error("attempt to modify read-only field '" .. tostring(k) .. "'", 2) end,
    __len = function() return #t end,
    __pairs = function() return next, t, nil end,
  })
end

local function tracked(t, log)
  return setmetatable({}, {
    __index = function(_, k) log[#log + 1] = "get " .. tostring(k); return t[k] end,
    __newindex = function(_, k, v) log[#log + 1] = "set " .. tostring(k); rawset(t, k, v) end,
  })
end

local consts = readonly({ PI = 3.14159, E = 2.71828 })
local log = {}
local obj = tracked({}, log)
obj.x = 1
local _ = obj.x
local ok = pcall(function() consts.PI = 3 end)
print(consts.PI, #log, ok, rawget(consts, "PI"), rawequal(consts, consts), rawlen({ 1, 2 }))
