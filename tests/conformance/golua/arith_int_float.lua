-- lua: golua
-- case: main golua: vm.go luaModulo, OP_IDIV, OP_SHR; compile.go constFold
-- (was a real-Lua case of cases/arith_int_float.lua)
print(7 // 2, -7 // 2, 7 % 3, -7 % 3, 7 % -3, 7.5 // 2, -7.5 % 2)
print(1 / 2, 10 / 2, 2^10, 3 * 4, 3 * 4.0, 1e15, 1e16, 2^53)
print(math.maxinteger + 1 == math.mininteger, math.mininteger - 1 == math.maxinteger)
print(math.type(1), math.type(1.0), math.type("1"), 5 // 0.0, -5 // 0.0)
print(3 & 5, 3 | 5, 3 ~ 5, ~0, 1 << 62, 1 << 63, 1 << 64, -1 >> 1)
print("10" + 1, "3.5" * 2, 10 == 10.0, "10" == 10)
print(pcall(function() return 1 // 0 end))
print(pcall(function() return {} + 1 end))
--> 3\t-4\t1\t2\t-2\t3\t0.5
--> 0.5\t5\t1024\t12\t12\t1000000000000000\t10000000000000000\t9007199254740992
--> true\ttrue
--> integer\tfloat\tnil\t+Inf\t-Inf
--> 1\t7\t6\t-1\t4611686018427387904\t-9223372036854775808\t0\t-1
--> 11\t7\ttrue\tfalse
--> true\t+Inf
--> false\tinput:11: attempt to perform arithmetic on a table value
