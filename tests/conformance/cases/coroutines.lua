-- lua: 5.1
-- case: basic_resume_yield
local co = coroutine.create(function(a, b)
  local c = coroutine.yield(a + b)
  local d, e = coroutine.yield(c * 2)
  return d + e
end)
print(coroutine.resume(co, 1, 2))
print(coroutine.resume(co, 10))
print(coroutine.resume(co, 3, 4))
print(coroutine.resume(co))
print(coroutine.status(co))
-- case: status_transitions
local co
co = coroutine.create(function()
  print("inside", coroutine.status(co))
  coroutine.yield()
end)
print(coroutine.status(co))
coroutine.resume(co)
print(coroutine.status(co))
coroutine.resume(co)
print(coroutine.status(co))
-- case: wrap_generator
local gen = coroutine.wrap(function()
  for i = 1, 3 do coroutine.yield(i) end
  return "done"
end)
print(gen(), gen(), gen(), gen())
-- case: wrap_dead_error
local gen = coroutine.wrap(function() return 1 end)
gen()
print(pcall(gen))
-- case: resume_dead
local co = coroutine.create(function() end)
coroutine.resume(co)
print(coroutine.resume(co))
-- case: error_inside
local co = coroutine.create(function() error("oops") end)
print(coroutine.resume(co))
print(coroutine.status(co))
-- case: error_table_inside
local co = coroutine.create(function() error({code = 7}) end)
local ok, e = coroutine.resume(co)
print(ok, type(e), e.code)
-- case: wrap_error_propagates
local f = coroutine.wrap(function() error("inner", 0) end)
print(pcall(f))
-- case: yield_multiple_values
local co = coroutine.create(function() coroutine.yield(1, 2, 3) end)
print(coroutine.resume(co))
print(select('#', coroutine.resume(co)))
-- case: producer_consumer
local producer = coroutine.create(function()
  for _, item in ipairs({"a", "b", "c"}) do coroutine.yield(item) end
end)
local got = {}
while true do
  local ok, item = coroutine.resume(producer)
  if not item then break end
  got[#got + 1] = item
end
print(table.concat(got), coroutine.status(producer))
-- case: generator_in_for
local function range(n)
  return coroutine.wrap(function() for i = 1, n do coroutine.yield(i) end end)
end
local s = 0
for i in range(10) do s = s + i end
print(s)
-- case: nested_coroutines
local outer = coroutine.create(function()
  local inner = coroutine.create(function() coroutine.yield("in1"); return "in2" end)
  local _, a = coroutine.resume(inner)
  coroutine.yield("out:" .. a)
  local _, b = coroutine.resume(inner)
  return "out:" .. b
end)
print(coroutine.resume(outer))
print(coroutine.resume(outer))
-- case: running
print(coroutine.running())
local co = coroutine.create(function() return coroutine.running() == nil end)
print(coroutine.resume(co))
-- case: yield_from_nested_function
local function helper(x) coroutine.yield(x * 10) end
local co = coroutine.create(function() helper(1); helper(2) end)
print(coroutine.resume(co))
print(coroutine.resume(co))
print(coroutine.resume(co))
-- case: resume_passing_values
local co = coroutine.create(function(...)
  local args = {...}
  while true do
    args = {coroutine.yield(#args)}
    if #args == 0 then break end
  end
  return "end"
end)
print(coroutine.resume(co, 1, 2))
print(coroutine.resume(co, 1, 2, 3))
print(coroutine.resume(co))
-- case: resume_non_coroutine
print(pcall(function() return coroutine.resume(42) end))
-- case: wrap_with_args
local f = coroutine.wrap(function(a) local b = coroutine.yield(a + 1); return b * 2 end)
print(f(1), f(10))
-- case: coroutine_closure_state
local function counter()
  return coroutine.wrap(function()
    local n = 0
    while true do n = n + 1; coroutine.yield(n) end
  end)
end
local c1, c2 = counter(), counter()
print(c1(), c1(), c2(), c1())
-- case: fib_generator
local fib = coroutine.wrap(function()
  local a, b = 0, 1
  while true do coroutine.yield(a); a, b = b, a + b end
end)
local out = {}
for i = 1, 10 do out[i] = fib() end
print(table.concat(out, " "))
-- case: pcall_inside_coroutine
local co = coroutine.create(function()
  local ok, e = pcall(function() error("caught", 0) end)
  coroutine.yield(ok, e)
  return "after"
end)
print(coroutine.resume(co))
print(coroutine.resume(co))
-- case: resume_names_the_status_as_51
local co
co = coroutine.create(function() print(coroutine.resume(co)) end)
print(coroutine.resume(co))
local outer
outer = coroutine.create(function()
  local inner = coroutine.create(function() print(coroutine.resume(outer)) end)
  print(coroutine.resume(inner))
end)
print(coroutine.resume(outer))
print(coroutine.resume(outer))
