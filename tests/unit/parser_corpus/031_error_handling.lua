local function risky(n)
  if n < 0 then error("negative input: " .. n) end
  if n == 0 then error({ code = 400, message = "zero" }) end
  if n > 100 then error("too big", 2) end
  return math.sqrt(n)
end

local function try(fn, ...)
  local results = { pcall(fn, ...) }
  if results[1] then
    return true, select(2, table.unpack(results))
  end
  local err = results[2]
  if type(err) == "table" then
    return false, ("error %d: %s"):format(err.code, err.message)
  end
  return false, err
end

print(try(risky, 16))
print(try(risky, -1))
print(try(risky, 0))
print(xpcall(risky, function(e) return "handled: " .. tostring(e) end, 1000))
assert(try(risky, 4), "should succeed")
