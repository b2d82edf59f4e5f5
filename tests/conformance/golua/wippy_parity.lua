-- lua: golua
-- case: unknown_escapes golua: compiler/parse/lexer.go scanEscape (an unknown escape is its character)
print("\x00\x01\xff" == "x00x01xff", #"\x41", "\q\%", "\65\066\0670", "a\
b" == "a\nb")
--> true\t3\tq%\tABC0\ttrue
-- case: errors_without_modules_entry golua: errorslib.go errorsNew, errorKind, errorMessage; error.go
local errors = require("errors")
local e = errors.new({message = "boom", kind = errors.NOT_FOUND, retryable = false})
print(type(e), e:kind(), tostring(e), e:message(), e:retryable(), e:details())
if type(e) == "userdata" then print("branch on userdata", e:kind()) end
local w = errors.wrap(e, "charging")
print(type(w), tostring(w), w:kind(), "x: " .. w, errors.is(w, errors.NOT_FOUND))
print(errors.new("plain"):kind() == "", errors.is("boom", errors.NOT_FOUND))
local ok, err = pcall(error, e)
print(ok, type(err), err == e, err:kind())
--> userdata\tNotFound\tboom\tboom\tfalse\tnil
--> branch on userdata\tNotFound
--> userdata\tboom\tNotFound\tx: boom\ttrue
--> true\tfalse
--> false\tuserdata\ttrue\tNotFound
-- case: numbers_as_text golua: value.go LNumber.String (strconv.FormatFloat 'g', -1)
local a, b = 0.1, 0.2
print(tostring(0.1 + 0.2), tostring(a + b), tostring(1e15), 1 / 0, -1 / 0, 1234567.5, 123456.7)
print("n=" .. (a + b), "k" .. 1e21, table.concat({1.5, 1e15, 1 / 0, 2 ^ 63, -0.0}, ","))
print(string.format("%s|%5s", a + b, 1e15), 1e-5, 0.0001, 100 / 3, 2 ^ 53 + 1)
--> 0.30000000000000004\t0.30000000000000004\t1000000000000000\t+Inf\t-Inf\t1.2345675e+06\t123456.7
--> n=0.30000000000000004\tk1e+21\t1.5,1000000000000000,+Inf,9.223372036854776e+18,0
--> 0.30000000000000004|1000000000000000\t1e-05\t0.0001\t33.333333333333336\t9007199254740992
-- case: modulo_by_zero golua: vm.go luaModulo; compile.go constFold
local z = 0
print(5 % z, 5 % 0, -5 % z, 5.5 % z, math.type(5 % z))
print(pcall(function() return 5 // z end))
print(5 // 0, -5 // 0, 0 // 0 ~= 0 // 0)
--> NaN\tNaN\tNaN\tNaN\tfloat
--> false\tinput:32: attempt to divide by zero
--> +Inf\t-Inf\ttrue
-- case: for_step_zero golua: vm.go OP_FORPREP, OP_FORLOOP (step <= 0 runs while i >= limit)
local n = 0
for i = 1, 2, 0 do n = n + 1 end
local m = 0
for i = 2, 1, 0 do m = m + 1; if m == 3 then break end end
local k = 0
for i = 1, 1, 0 do k = k + 1; if k == 5 then break end end
print(n, m, k)
--> 0\t3\t5
-- case: rep_separator golua: stringlib.go strRep (no separator argument)
print(("ab"):rep(3, ","), string.rep("x", 2, "-"), ("ab"):rep(0, ","))
--> ababab\txx\t
-- case: format_missing_argument golua: stringlib.go strFormat (Go fmt.Sprintf)
print(string.format("%d %d", 1), string.format("%s and %s", "a"))
--> 1 %!d(MISSING)\ta and %!s(MISSING)
-- case: length_with_holes golua: table.go RawSetInt (padded array part), Len
local t = {}
t[1] = 1; t[2] = 2; t[4] = 4
local u = {1, nil, 3}
local v = {1, 2, 3}
v[3] = nil
print(#t, #u, #v, select("#", table.unpack(t)))
--> 4\t3\t2\t4
-- case: math_floor_is_a_float golua: mathlib.go mathFloor, mathCeil, mathMax
print(math.floor(3.7), math.type(math.floor(3.7)), math.type(math.ceil(1)), math.type(math.max(1, 2)))
--> 3\tfloat\tfloat\tfloat
-- case: tail_calls_a_million_deep golua: compile.go compileReturnStmt (OP_TAILCALL), vm.go OP_TAILCALL
local function count(n, acc)
  if n == 0 then return acc end
  return count(n - 1, acc + 1)
end
function gcount(n, acc)
  if n == 0 then return acc end
  return gcount(n - 1, acc + 1)
end
local function down(n, ...)
  if n == 0 then return select("#", ...), ... end
  return down(n - 1, ...)
end
print(count(1000000, 0), gcount(1000000, 0), down(1000000, "a", nil))
--> 1000000\t1000000\t2\ta\tnil
-- case: deep_recursion_overflows golua: state.go pushCallFrame ("stack overflow" at the Lua line)
local function deep(n)
  if n == 0 then return 0 end
  return 1 + deep(n - 1)
end
print(pcall(deep, 1000000))
--> false\tinput:81: stack overflow
-- case: modulo_in_floats golua: vm.go luaModulo (math.Mod of the operands as float64)
local big, i = 9007199254740993, 0
for k = 1, 3 do i = i + k end
print(big % 7, math.type(big % 7), i % 4, -i % 4, i % -4, 5.5 % 2, math.type(i % 4))
--> 4\tfloat\t2\t2\t-2\t1.5\tfloat
