local function safe_div(a, b)
  if b == 0 then error("division by zero", 0) end
  return a / b, a // b, a % b
end

local ok, q, fq, r = pcall(safe_div, 7, 2)
local ok2, err2 = pcall(safe_div, 1, 0)
local ok3, err3 = pcall(error)
local ok4, err4 = pcall(error, setmetatable({}, { __tostring = function() return "custom" end }))
local ok5 = xpcall(function() local x = nil; return x.field end, debug and debug.traceback or print)

local function finally(fn, cleanup)
  local results = table.pack(pcall(fn))
  cleanup()
  if not results[1] then error(results[2], 0) end
  return table.unpack(results, 2, results.n)
end

print(ok, q, fq, r, ok2, err2, ok3, err3, ok4, tostring(err4), ok5)
print(finally(function() return 1, 2 end, function() print("cleanup") end))
