-- lua: golua
-- case: floor_div_int golua: compile.go constFold (7 // 2 folds to a float)
-- (was a real-Lua case of cases/arith53.lua)
print(7 // 2, -7 // 2, 7 // -2, -7 // -2, 0 // 5, math.type(7 // 2))
--> 3\t-4\t-4\t3\t0\tfloat
-- case: mod_float_inf golua: mathlib.go (huge = math.MaxFloat64), vm.go luaModulo
-- (was a real-Lua case of cases/arith53.lua)
print(5 % math.huge, -5 % math.huge, 5 % -math.huge)
--> 5\t1.7976931348623157e+308\t-1.7976931348623157e+308
-- case: unary_minus golua: vm.go OP_UNM (always a float)
-- (was a real-Lua case of cases/arith53.lua)
local a, b = 5, 2.5
print(-a, -b, - -a, -(a - 10), math.type(-a), math.type(-b))
--> -5\t-2.5\t5\t5\tfloat\tfloat
-- case: int_wrap_mul golua: compile.go constFold (-1 folds to a float), vm.go OP_MUL
-- (was a real-Lua case of cases/arith53.lua)
print(math.maxinteger * 2, math.mininteger * -1, 2^62 * 4 > 0)
local x = 4611686018427387904
print(x * 2, x * 4, x + x)
--> -2\t9.223372036854776e+18\ttrue
--> -9223372036854775808\t0\t-9223372036854775808
-- case: int_neg_min golua: vm.go OP_UNM, OP_IDIV, luaModulo
-- (was a real-Lua case of cases/arith53.lua)
print(-math.mininteger, math.mininteger // -1, math.mininteger % -1)
--> 9.223372036854776e+18\t-9223372036854775808\t0
-- case: int_div_zero golua: compile.go constFold (1 // 0 folds to +Inf), vm.go luaModulo
-- (was a real-Lua case of cases/arith53.lua)
print(pcall(function() return 1 // 0 end))
print(pcall(function() local z = 0; return 5 % z end))
--> true\t+Inf
--> true\tNaN
-- case: float_literals golua: compiler/parse/lexer.go scanNumber (no hexadecimal floats)
-- (was a real-Lua case of cases/arith53.lua)
print(1e3, 1.5e-3, 0x10, 0xff, 0x7fffffffffffffff, 0xffffffffffffffff, 1e300 * 1e10, .5, 3.)
--> 1000\t0.0015\t16\t255\t9223372036854775807\tNaN\t+Inf\t0.5\t3
-- case: bitwise_shift_edges golua: compile.go constFold (folded, Go's shifts)
-- (was a real-Lua case of cases/arith53.lua)
print(1 << 62, 1 << 63, 1 << 64, -1 >> 1, -1 >> 63, -1 >> 64, 1 << -1, 2 >> -1)
--> 4611686018427387904\t-9223372036854775808\t0\t-1\t-1\t-1\t0\t0
-- case: bitwise_float_ok golua: vm.go OP_BAND (no string coercion)
-- (was a real-Lua case of cases/arith53.lua)
print(3.0 & 1, 2.0 | 1, "3" & 1, 1 << 2.0)
--> error: input:42: attempt to perform bitwise operation on a string value
-- case: bitwise_float_err golua: vm.go OP_BAND (floats truncated)
-- (was a real-Lua case of cases/arith53.lua)
print(pcall(function() return 1.5 & 1 end))
print(pcall(function() return ({}) | 1 end))
--> true\t1
--> false\tinput:47: attempt to perform bitwise operation on a table value
-- case: string_coercion_arith golua: utils.go parseNumber, vm.go OP_IDIV (no strings)
-- (was a real-Lua case of cases/arith53.lua)
print("10" + 1, "3.5" * 2, "0x10" + 0, " 5 " * 2, "1e2" + 0, 10 - "2")
print(math.type("10" + 1), math.type("10" * 1.0), math.type("2" // "1"))
--> 11\t7\t16\t10\t100\t8
--> error: input:53: attempt to perform arithmetic on a string value
-- case: tostring_numbers golua: value.go LNumber.String
-- (was a real-Lua case of cases/arith53.lua)
print(tostring(10), tostring(-0.0), tostring(1e15), tostring(1e16), tostring(2^53), tostring(0.1))
print(tostring(1/3), tostring(100), tostring(123456789012), tostring(1e100), tostring(-1e-5))
--> 10\t0\t1000000000000000\t10000000000000000\t9007199254740992\t0.1
--> 0.3333333333333333\t100\t123456789012\t1e+100\t-1e-05
-- case: tointeger golua: mathlib.go mathToInteger
-- (was a real-Lua case of cases/arith53.lua)
print(math.tointeger(3.0), math.tointeger(3.5), math.tointeger("8"), math.tointeger(2^63))
--> 3\tnil\t8\t-9223372036854775808
-- case: for_float_limit golua: vm.go OP_FORLOOP (a float limit makes a float loop)
-- (was a real-Lua case of cases/arith53.lua)
local acc = {}
for i = 1, 3.5 do acc[#acc+1] = i end
print(table.concat(acc, " "), math.type(acc[1]))
--> 1 2 3\tfloat
-- case: for_errors golua: vm.go OP_FORPREP, OP_FORLOOP
-- (was a real-Lua case of cases/arith53.lua)
print(pcall(function() for i = "a", 10 do end end))
print(pcall(function() for i = 1, {} do end end))
--> false\tinput:74: for statement init must be a number
--> false\tinput:75: for statement limit must be a number
-- case: huge_and_pi golua: mathlib.go OpenMath (huge = math.MaxFloat64)
-- (was a real-Lua case of cases/arith53.lua)
print(math.huge, -math.huge, math.pi, math.maxinteger, math.mininteger)
--> 1.7976931348623157e+308\t-1.7976931348623157e+308\t3.141592653589793\t9223372036854775807\t-9223372036854775808
-- case: math_floor_ceil_types golua: mathlib.go mathFloor, mathCeil (floats)
-- (was a real-Lua case of cases/arith53.lua)
print(math.floor(3.7), math.ceil(3.2), math.floor(-3.5), math.type(math.floor(3.7)), math.floor(5))
print(math.floor(1e100) == 1e100, math.type(math.floor(1e100)))
--> 3\t4\t-4\tfloat\t5
--> true\tfloat
-- case: math_abs_max_min golua: mathlib.go mathAbs, mathMax, mathMin (floats)
-- (was a real-Lua case of cases/arith53.lua)
print(math.abs(-5), math.abs(-5.5), math.max(1, 5, 3), math.min(4, 2.5, 9), math.max(2, 2.0))
print(math.type(math.max(1, 2)), math.abs(math.mininteger))
--> 5\t5.5\t5\t2.5\t2
--> float\t9.223372036854776e+18
-- case: math_sqrt_exp_log golua: mathlib.go mathLog (no base)
-- (was a real-Lua case of cases/arith53.lua)
print(math.sqrt(16), math.exp(0), math.log(1), math.log(8, 2), math.log(100, 10))
--> 4\t1\t0\t2.0794415416798357\t4.605170185988092
-- case: tonumber_rejects_what_python_would_take golua: baselib.go baseToNumber
-- (was a real-Lua case of cases/arith53.lua)
for _, s in ipairs({"0x10", "0x1p4", "0x.8", "-0x10", "0x", "0x1_0", "1_0", "0x 1", "0x-1",
                    "0x+1", "0x1p", "+-1", "-+1", "--1", "- 1", "1e+", ".5", "5.", "0x1P-2",
                    "0xffffffffffffffff", "  12  ", "1 2", "nan", "inf", "0x1.8"}) do
  print(s, tonumber(s), math.type(tonumber(s)))
end
--> 0x10\t16\tfloat
--> 0x1p4\tnil\tnil
--> 0x.8\tnil\tnil
--> -0x10\tnil\tnil
--> 0x\tnil\tnil
--> 0x1_0\tnil\tnil
--> 1_0\tnil\tnil
--> 0x 1\tnil\tnil
--> 0x-1\t-1\tfloat
--> 0x+1\t1\tfloat
--> 0x1p\tnil\tnil
--> +-1\tnil\tnil
--> -+1\tnil\tnil
--> --1\tnil\tnil
--> - 1\tnil\tnil
--> 1e+\tnil\tnil
--> .5\t0.5\tfloat
--> 5.\t5\tfloat
--> 0x1P-2\tnil\tnil
--> 0xffffffffffffffff\tnil\tnil
-->   12  \t12\tfloat
--> 1 2\tnil\tnil
--> nan\tnil\tnil
--> inf\tnil\tnil
--> 0x1.8\tnil\tnil
