-- lua: 5.1
-- case: closure_counter
local function counter()
  local n = 0
  return function() n = n + 1; return n end
end
local c1, c2 = counter(), counter()
print(c1(), c1(), c2(), c1())
-- case: closure_shared_upvalue
local function pair()
  local v = 0
  return function() v = v + 1 end, function() return v end
end
local inc, get = pair()
inc(); inc()
print(get())
-- case: loop_var_fresh_numeric
local fns = {}
for i = 1, 3 do fns[i] = function() return i end end
print(fns[1](), fns[2](), fns[3]())
-- case: loop_var_fresh_generic
local fns = {}
for k, v in ipairs({"a", "b"}) do fns[k] = function() return k .. v end end
print(fns[1](), fns[2]())
-- case: loop_local_fresh_while
local fns = {}
local i = 0
while i < 3 do
  i = i + 1
  local j = i
  fns[i] = function() return j end
end
print(fns[1](), fns[2](), fns[3]())
-- case: loop_local_written_after_capture
local fns = {}
for i = 1, 3 do
  local x = i
  fns[i] = function() x = x + 10; return x end
  x = x * 2
end
print(fns[1](), fns[1](), fns[2](), fns[3]())
-- case: loop_var_captured_and_modified
local fns = {}
for i = 1, 2 do
  fns[#fns + 1] = function() return i end
  i = i + 100
end
print(fns[1](), fns[2]())
-- case: repeat_local_capture
local fns = {}
local n = 0
repeat
  n = n + 1
  local m = n
  fns[n] = function() return m end
until m >= 3
print(fns[1](), fns[3]())
-- case: closure_over_param
local function adder(x) return function(y) return x + y end end
local a5 = adder(5)
print(a5(1), a5(10), adder(1)(1))
-- case: nested_closures
local function outer()
  local a = 1
  local function mid()
    local b = 2
    return function() a = a + 1; b = b + 1; return a + b end
  end
  return mid(), function() return a end
end
local f, g = outer()
print(f(), f(), g())
-- case: recursive_local_function
local function fact(n) if n <= 1 then return 1 end return n * fact(n - 1) end
print(fact(10))
-- case: local_function_vs_local
local f = function(n) return n end
local f = function(n) if n == 0 then return "base" end return f(n - 1) end
print(f(3))
-- case: multiple_returns
local function mr() return 1, 2, 3 end
local a, b, c, d = mr()
print(a, b, c, d)
print(mr())
print(mr(), "x")
print("x", mr())
print((mr()))
-- case: multiple_returns_in_table
local function mr() return 1, 2, 3 end
local t = {mr(), mr()}
print(#t)
t = {mr(), 10}
print(#t)
t = {(mr())}
print(#t)
-- case: return_call_passthrough
local function mr() return 1, 2, 3 end
local function pass() return mr() end
local function pass1() return (mr()) end
print(pass())
print(pass1())
print(select('#', pass()), select('#', pass1()))
-- case: no_returns
local function none() end
local function empty() return end
print(none())
print(select('#', none()), select('#', empty()))
local x = none()
print(x)
print(none() == nil)
-- case: return_nil_counts
local function nils() return nil, nil end
print(select('#', nils()))
print(nils())
-- case: varargs_basic
local function va(...)
  local a, b = ...
  return select('#', ...), a, b
end
print(va())
print(va(1))
print(va(1, nil, 3))
print(va(nil, nil))
-- case: varargs_forward
local function count(...) return select('#', ...) end
local function fwd(...) return count(...) end
print(fwd(1, 2, 3), fwd(), fwd(nil), fwd(nil, nil))
-- case: varargs_in_table
local function pack(...) return {...} end
local t = pack(1, 2, 3)
print(#t, t[3])
local function n(...) return #{...} end
print(n(), n(1, 2))
-- case: varargs_middle
local function f(...) return ..., "end" end
print(f(1, 2, 3))
local function g(...) return "start", ... end
print(g(1, 2))
-- case: select_variants
print(select(2, "a", "b", "c"))
print(select(-1, "a", "b", "c"))
print(select(-2, "a", "b", "c"))
print(select(3, "a", "b", "c"))
print(select(4, "a", "b", "c"))
print(select('#'))
print(select('#', nil, nil, nil))
-- case: select_errors
print(pcall(function() return select(0, 1) end))
print(pcall(function() return select(-5, 1) end))
-- case: varargs_chunk
print(select('#', ...))
-- case: varargs_arith
local function sum(...)
  local s = 0
  for i = 1, select('#', ...) do s = s + (select(i, ...)) end
  return s
end
print(sum(1, 2, 3, 4))
-- case: varargs_ipairs
local function join(...)
  local out = {}
  for _, v in ipairs({...}) do out[#out + 1] = tostring(v) end
  return table.concat(out, "-")
end
print(join("a", 1, true))
-- case: extra_args_dropped
local function two(a, b) return a, b end
print(two(1, 2, 3))
print(two(1))
-- case: parenthesised_call_truncates
local function mr() return 1, 2 end
local a, b = (mr())
print(a, b)
-- case: call_in_middle_truncates
local function mr() return 1, 2 end
print(mr(), mr(), mr())
local t = {mr(), mr()}
print(#t)
-- case: method_multiple_returns
local o = {}
function o:vals() return self, 1, 2 end
local s, a, b = o:vals()
print(s == o, a, b)
-- case: functions_as_values
local ops = {add = function(a, b) return a + b end, mul = function(a, b) return a * b end}
print(ops.add(2, 3), ops["mul"](2, 3))
local list = {ops.add, ops.mul}
print(list[1](1, 1), list[2](4, 4))
-- case: higher_order
local function map(t, f) local r = {} for i, v in ipairs(t) do r[i] = f(v) end return r end
local function filter(t, p) local r = {} for _, v in ipairs(t) do if p(v) then r[#r + 1] = v end end return r end
local r = filter(map({1, 2, 3, 4, 5}, function(x) return x * x end), function(x) return x % 2 == 1 end)
print(table.concat(r, ","))
-- case: call_nil_errors
print(pcall(function() local f; f() end))
print(pcall(function() undefined_global_fn() end))
print(pcall(function() local t = {}; t.method() end))
print(pcall(function() local t = {}; t:method() end))
print(pcall(function() local t = {x = {}}; t.x.y() end))
-- case: call_non_function_errors
print(pcall(function() local n = 5; n() end))
print(pcall(function() ("x")() end))
-- case: upvalue_error_roles
local up
print(pcall(function() return up.x end))
print(pcall(function() return up + 1 end))
print(pcall(function() return "a" .. up end))
print(pcall(function() up() end))
-- case: deep_recursion_ok
local function depth(n) if n == 0 then return 0 end return 1 + depth(n - 1) end
print(depth(150))
-- case: tail_position_return
local function loop(n, acc) if n == 0 then return acc end return loop(n - 1, acc + n) end
print(loop(100, 0))
-- case: closure_in_loop_break
local f
for i = 1, 10 do
  if i == 4 then f = function() return i end break end
end
print(f())
-- case: counter_generator
local function range(n)
  local i = 0
  return function() i = i + 1; if i <= n then return i end end
end
local acc = 0
for v in range(5) do acc = acc + v end
print(acc)
-- case: stateless_iterator
local function iter(t, i)
  i = i + 1
  if t[i] then return i, t[i] end
end
for i, v in iter, {"x", "y"}, 0 do print(i, v) end
-- case: generic_for_three_vars
local function it(s, c)
  if c < 3 then return c + 1, c * 10, "z" end
end
for a, b, c, d in it, nil, 0 do print(a, b, c, d) end
-- case: function_statement_fields
local M = {sub = {}}
function M.sub.f(x) return x + 1 end
function M.sub:g(x) return self == M.sub, x end
print(M.sub.f(1), M.sub:g(2))
-- case: vararg_length_with_nils
local function f(...) local t = {...}; return select('#', ...) end
print(f(nil, 2, nil))
