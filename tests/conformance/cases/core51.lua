-- lua: 5.1
-- case: truthiness
for _, v in ipairs({0, "", "0", false, true}) do
  if v then print("true", v) else print("false", v) end
end
if nil then print("nil true") else print("nil false") end
-- case: and_or_values
print(1 and 2, nil and 1, false and nil, 1 or 2, nil or "d", false or nil, nil or false)
print(0 and "zero", "" or "empty")
-- case: and_or_chains
local a, b, c = nil, 0, "x"
print(a and b or c, b and c or a, a or b and c, (a or b) and c)
print(a == nil and "isnil" or "notnil", b > -1 and b < 1)
-- case: not_op
print(not nil, not false, not 0, not "", not not nil, not not 1)
-- case: and_or_side_effects
local n = 0
local function inc() n = n + 1; return n end
local r = false and inc() or inc()
print(r, n)
r = true or inc()
print(r, n)
r = nil and inc()
print(r, n)
-- case: eq_basic
print(1 == 1, 1 == 2, "a" == "a", "a" == "b", nil == false, true == true, {} == {})
local t = {}
print(t == t, t ~= {}, 1 ~= 1, "1" == 1, 1 ~= "1")
-- case: eq_functions
local f = function() end
local g = function() end
print(f == f, f == g, print == print, type(f) == "function")
-- case: compare_numbers
print(1 < 2, 2 < 1, 1 <= 1, 2 >= 3, -1 > -2, 1.5 < 1.6)
-- case: compare_strings
print("a" < "b", "abc" < "abd", "abc" < "ab", "" < "a", "B" < "a", "a" >= "a", "10" < "2")
-- case: compare_errors
print(pcall(function() return 1 < "2" end))
print(pcall(function() return {} < 1 end))
print(pcall(function() return nil < nil end))
print(pcall(function() return true > false end))
print(pcall(function() return {} <= {} end))
print(pcall(function() local x; return x >= 1 end))
-- case: concat_basic
print("a" .. "b", "a" .. 1, 1 .. "a", "x" .. 1.5, "" .. "", "a" .. "b" .. "c" .. "d")
-- case: concat_errors
print(pcall(function() return "a" .. nil end))
print(pcall(function() return "a" .. {} end))
print(pcall(function() return true .. "a" end))
print(pcall(function() local s; return "x" .. s end))
print(pcall(function() local s; return s .. "x" end))
-- case: concat_precedence
print("a" .. 1 + 2, 2 .. 3 == "23", "n=" .. -1)
-- case: length_string
print(#"", #"abc", #"hello world", #("x"):rep(100))
-- case: while_loop
local i, s = 0, 0
while i < 10 do i = i + 1; s = s + i end
print(i, s)
-- case: repeat_until_scope
local i = 0
repeat local j = i * 2; i = i + 1 until j >= 8
print(i)
-- case: nested_break
local out = {}
for i = 1, 5 do
  for j = 1, 5 do
    if j > i then break end
    out[#out + 1] = j
  end
  if i == 4 then break end
end
print(table.concat(out, ","))
-- case: while_break
local n = 0
while true do
  n = n + 1
  if n == 7 then break end
end
print(n)
-- case: numeric_for_var_local
local i = 100
for i = 1, 3 do end
print(i)
-- case: numeric_for_modify_var
for i = 1, 3 do
  local x = i
  i = i * 10
  print(x, i)
end
-- case: for_bounds_once
local calls = 0
local function lim() calls = calls + 1; return 3 end
for i = 1, lim() do end
print(calls)
-- case: if_elseif_chain
local function grade(n)
  if n >= 90 then return "A" elseif n >= 80 then return "B" elseif n >= 70 then return "C" else return "F" end
end
print(grade(95), grade(85), grade(75), grade(10))
-- case: do_block_scope
local x = 1
do local x = 2; print(x) end
print(x)
-- case: shadowing
local x = 1
local x = x + 1
print(x)
local function f(x) local x = x * 2; return x end
print(f(5), x)
-- case: multiple_assign_eval_order
local a, b = 1, 2
a, b = b, a
print(a, b)
local t = {1, 2}
local i = 1
i, t[i] = i + 1, 20
print(i, t[1], t[2])
-- case: assign_extra_values
local a, b = 1
print(a, b)
local c, d = 1, 2, 3
print(c, d)
local x, y
x, y = 5
print(x, y)
-- case: globals
gx = 10
print(gx, gy)
gx = nil
print(gx)
-- case: semicolons
local a = 1; local b = 2; print(a + b);
-- case: long_strings
local s = [[
line1
line2]]
print(s, #s)
print([==[a]]b]==])
-- case: escapes
print("tab\tx", "nl\\n", "q\"", 'sq\'', "\65\066\0670", #"\0ab", "a\
b")
-- case: numbers_print_51
print(1, 1.5, 10 / 2, 3 / 2, 1e15, 1e16, 2^53, -0.5, 1e14)
-- case: comments
local x = 1 -- comment
--[[ block
comment ]] local y = 2
--[==[ another ]==]
print(x + y)
-- case: recursion
local function fib(n) if n < 2 then return n end return fib(n - 1) + fib(n - 2) end
print(fib(20))
-- case: mutual_recursion
local is_even, is_odd
function is_even(n) if n == 0 then return true end return is_odd(n - 1) end
function is_odd(n) if n == 0 then return false end return is_even(n - 1) end
print(is_even(10), is_odd(7), is_even(3))
-- case: global_function
function gadd(a, b) return a + b end
print(gadd(2, 3), type(gadd))
-- case: nested_tables_fields
local t = {a = {b = {c = 42}}}
print(t.a.b.c, t["a"]["b"].c)
t.a.b.c = t.a.b.c + 1
print(t.a.b.c)
-- case: method_call_syntax
local obj = {n = 0}
function obj:inc(k) self.n = self.n + (k or 1); return self end
obj:inc():inc(5)
print(obj.n)
function obj.static(x) return x * 2 end
print(obj.static(21))
-- case: string_methods_on_literals
print(("abc"):upper(), ("%d"):format(5), ("x"):rep(3), #("abc"):rep(2))
-- case: call_string_table_args
local function f(x) return type(x), x end
print(f"str")
print(f{1, 2}.__x)
print((f{}))
-- case: integer_division_51
print(7 / 2, math.floor(7 / 2), 7 % 3, -7 % 3, 5.5 % 2)
-- case: power_assoc
print(2 ^ 3 ^ 2, -2 ^ 2, (2 ^ 3) ^ 2)
-- case: unary_precedence
print(not 1 == 2, -3 ^ 2, #"abc" + 1, - - 2)
-- case: relational_chain
local a, b, c = 1, 2, 3
print(a < b == true, (a < b) == (b < c), a + b == c)
