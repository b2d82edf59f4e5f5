local function producer(items)
  return coroutine.create(function()
    for _, item in ipairs(items) do
      coroutine.yield(item)
    end
    return "done"
  end)
end

local function consumer(co)
  local out = {}
  while true do
    local ok, v = coroutine.resume(co)
    if not ok then error(v) end
    if coroutine.status(co) == "dead" then break end
    out[#out + 1] = v
  end
  return out
end

local gen = coroutine.wrap(function(a, b)
  local c = coroutine.yield(a + b)
  local d, e = coroutine.yield(c * 2)
  return d + e
end)
print(gen(1, 2), gen(10), gen(3, 4))
return consumer(producer({ "a", "b", "c" }))
