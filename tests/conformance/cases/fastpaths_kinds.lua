-- lua: 5.3
-- case: param_kinds_from_call_sites
local function add(a, b) return a + b end
print(add(1, 2), add(2^62, 2^62), add(1.5, 2))
local function idiv(a, b) return a // b, a % b end
print(idiv(7, 2))
print(idiv(-7, 2))
print(idiv(7, -1))
print(idiv(math.mininteger, -1))
print(pcall(idiv, 1, 0))
-- case: param_mixed_kinds
local function lt(a, b) return a < b end
print(lt(1, 2), lt(1.5, 1), lt("a", "b"))
print(pcall(function() return lt(1, "x") end))
-- case: param_fewer_args
local function f(a, b) if b == nil then return "nil b" end return a + b end
print(f(1, 2), f(1))
-- case: param_varargs_expansion
local function three() return 1, 2, 3 end
local function none() end
local function g(a, b) return tostring(a) .. "," .. tostring(b) end
print(g(three()), g(0, none()), g(none()))
local function h(a, b) return (a or 0) + (b or 0) end
print(h(1, 2), h(three()), h(5, none()))
-- case: param_escapes_later
local function k(a) return a * 2 end
print(k(3))
local t = {k}
print(t[1](2.5), pcall(t[1], "4"))
local function k2(a) return a * 2 end
print(k2(3), (pcall(k2, {})))
-- case: param_recursive
local function fact(n) if n <= 1 then return 1 end return n * fact(n - 1) end
print(fact(10), fact(20), fact(21))
local function fib(n) if n < 2 then return n end return fib(n - 1) + fib(n - 2) end
print(fib(15), fib(2.0))
-- case: result_kinds
local function pair(x) if x > 0 then return x, x * 2 end return x, 0.5 end
local a, b = pair(3)
local c, d = pair(-1)
print(a + b, c + d, math.type(b), math.type(d))
local function one(x) return x + 1 end
local u = one(1)
local w = one(1.5)
print(u * 2, w * 2, math.type(u), math.type(w))
local p, q, r = pair(2)
print(p, q, r)
-- case: param_integer_overflow
local function inc(a) return a + 1 end
print(inc(math.maxinteger) == math.mininteger, inc(1))
local function mul(a, b) return a * b end
print(mul(2^40 // 1, 2^40 // 1), mul(3, 4))
-- case: local_table_kind
local function mk(v) return {v = v} end
local o = mk(3)
print(o.v, #o)
setmetatable(o, {__index = function() return "dflt" end})
print(o.v, o.missing)
-- case: param_missing_is_nil
local function f(a, b) local c = b or 5; return a, c end
print(f(1, 2))
print(f(1))
local function none() end
local function g(a, b) local c = b or "none"; local d = a or "no a"; return d, c end
print(g(1, 2))
print(g(1, none()))
print(g(none()))
-- case: length_metamethod_any_value
local t = {}
setmetatable(t, {__len = function() return 2.5 end})
local s = 0
for i = 1, #t do s = s + i end
print(s, #t + 1)
local u = {}
setmetatable(u, {__len = function() return "3" end})
local function f(n) return n + 1 end
print(f(#u), #u .. "x")
-- case: append_with_length_metamethod
local t = {}
setmetatable(t, {__len = function() return 1.5 end})
t[#t + 1] = "a"
print(rawget(t, 2.5), rawget(t, 2))
local u = {}
setmetatable(u, {__len = function() return "1" end})
u[#u + 1] = "b"
u[#u - 1] = "c"
print(rawget(u, 2), rawget(u, 0), #u)
local w = {}
for i = 1, 5 do w[#w + 1] = i * i end
w[#w + 1 - 3] = "x"
print(#w, w[3], w[5])
-- case: ipairs_index_with_index_metamethod
-- (ipairs reads raw as in 5.1: a metatable does not matter while the array part has values)
local p = setmetatable({1.5, 3.0, 4.5}, {__index = function(_, k) if k <= 3 then return k end end})
local q = {}
for i, v in ipairs(p) do q[i] = v; q[-i] = i // 2 end
print(#q, q[1], q[3], q[-3])
-- case: constant_operand_metamethods
local mt = {__add = function(a, b) return "add" end, __sub = function(a, b) return "sub" end,
            __mul = function(a, b) return "mul" end}
local o = setmetatable({}, mt)
print(o + 1, 1 + o, o - 1, 1 - o, o * 2, 2 * o)
-- case: arithmetic_index_keys
local words = {"a", "b", "c"}
local out = {}
for i = 1, 7 do out[#out + 1] = words[i % #words + 1] .. tostring(words[i - 5]) end
print(table.concat(out, ","))
local odd = setmetatable({"x", "y"}, {__len = function() return 0.5 end})
print(odd[#odd + 0.5], odd[#odd + 1], odd[#odd - 0.5])
local mt = setmetatable({}, {__add = function() return 2 end, __index = function(_, k) return "i" .. tostring(k) end})
local arr = {"p", "q"}
print(arr[mt + 1], mt[1 + 1], arr[1 + 1], arr[3 - 1], arr[-1 + 1])
