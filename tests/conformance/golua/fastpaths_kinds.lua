-- lua: golua
-- case: result_overflow_wraps golua: vm.go OP_UNM
-- (was a real-Lua case of cases/fastpaths_kinds.lua)
local function big() return math.maxinteger, 1 end
local x, y = big()
print(x + y == math.mininteger, x * 2, -x - 2)
--> true\t-2\t-9223372036854775808
-- case: for_loop_float_limit_int_var golua: vm.go OP_FORLOOP
-- (was a real-Lua case of cases/fastpaths_kinds.lua)
local function sq(i) return i * i end
local s = 0
for i = 1, 4.5 do s = s + sq(i) end
print(s, math.type(s))
for i = 1.0, 3 do s = s + sq(i) end
print(s, math.type(s))
--> 30\tfloat
--> 44\tfloat
-- case: constant_operand_bounds golua: compile.go constFold, vm.go OP_UNM
-- (was a real-Lua case of cases/fastpaths_kinds.lua)
local vals = {0, 1, -1, 7, math.maxinteger, math.mininteger, math.maxinteger - 1,
              math.mininteger + 1, math.maxinteger // 2, math.mininteger // 2,
              math.maxinteger // 2 + 1, math.mininteger // 2 - 1, 2.5, "10", "0x10"}
local out = {}
for _, x in ipairs(vals) do
  local r = {x + 1, x - 1, 1 - x, -1 - x, x + 0, x - 0, x * 2, 2 * x, x * -1, -3 * x,
             x * 0, x + 100, 100 - x, x * 3, x - (-5)}
  for i = 1, #r do r[i] = tostring(r[i]) .. math.type(r[i]) end
  out[#out + 1] = table.concat(r, " ")
end
print(table.concat(out, "\n"))
for i = 1, 3 do
  local y = i * 3 + 1
  out[i] = y - 2
end
print(out[1], out[2], out[3])
print((pcall(function() local z = {}; return z + 1 end)))
print((pcall(function() local z; return 2 * z end)))
--> 1integer -1integer 1integer -1float 0integer 0integer 0integer 0integer 0float 0float 0integer 100integer 100integer 0integer 5float
--> 2integer 0integer 0integer -2float 1integer 1integer 2integer 2integer -1float -3float 0integer 101integer 99integer 3integer 6float
--> 0float -2float 2float 0float -1float -1float -2float -2float 1float 3float 0float 99float 101float -3float 4float
--> 8integer 6integer -6integer -8float 7integer 7integer 14integer 14integer -7float -21float 0integer 107integer 93integer 21integer 12float
--> -9223372036854775808integer 9223372036854775806integer -9223372036854775806integer -9223372036854775808float 9223372036854775807integer 9223372036854775807integer -2integer -2integer -9223372036854775808float -2.7670116110564327e+19float 0integer -9223372036854775709integer -9223372036854775707integer 9223372036854775805integer 9.223372036854776e+18float
--> -9223372036854775807integer 9223372036854775807integer -9223372036854775807integer 9.223372036854776e+18float -9223372036854775808integer -9223372036854775808integer 0integer 0integer 9.223372036854776e+18float 2.7670116110564327e+19float 0integer -9223372036854775708integer -9223372036854775708integer -9223372036854775808integer -9223372036854775808float
--> 9223372036854775807integer 9223372036854775805integer -9223372036854775805integer -9223372036854775808float 9223372036854775806integer 9223372036854775806integer -4integer -4integer -9223372036854775808float -2.7670116110564327e+19float 0integer -9223372036854775710integer -9223372036854775706integer 9223372036854775802integer 9.223372036854776e+18float
--> -9223372036854775806integer -9223372036854775808integer -9223372036854775808integer 9.223372036854776e+18float -9223372036854775807integer -9223372036854775807integer 2integer 2integer 9.223372036854776e+18float 2.7670116110564327e+19float 0integer -9223372036854775707integer -9223372036854775709integer -9223372036854775805integer -9223372036854775808float
--> 4611686018427387904integer 4611686018427387902integer -4611686018427387902integer -4611686018427387904float 4611686018427387903integer 4611686018427387903integer 9223372036854775806integer 9223372036854775806integer -4611686018427387904float -1.3835058055282164e+19float 0integer 4611686018427388003integer -4611686018427387803integer -4611686018427387907integer 4611686018427387904float
--> -4611686018427387903integer -4611686018427387905integer 4611686018427387905integer 4611686018427387904float -4611686018427387904integer -4611686018427387904integer -9223372036854775808integer -9223372036854775808integer 4611686018427387904float 1.3835058055282164e+19float 0integer -4611686018427387804integer 4611686018427388004integer 4611686018427387904integer -4611686018427387904float
--> 4611686018427387905integer 4611686018427387903integer -4611686018427387903integer -4611686018427387904float 4611686018427387904integer 4611686018427387904integer -9223372036854775808integer -9223372036854775808integer -4611686018427387904float -1.3835058055282164e+19float 0integer 4611686018427388004integer -4611686018427387804integer -4611686018427387904integer 4611686018427387904float
--> -4611686018427387904integer -4611686018427387906integer 4611686018427387906integer 4611686018427387904float -4611686018427387905integer -4611686018427387905integer 9223372036854775806integer 9223372036854775806integer 4611686018427387904float 1.3835058055282164e+19float 0integer -4611686018427387805integer 4611686018427388005integer 4611686018427387901integer -4611686018427387904float
--> 3.5float 1.5float -1.5float -3.5float 2.5float 2.5float 5float 5float -2.5float -7.5float 0float 102.5float 97.5float 7.5float 7.5float
--> 11float 9float -9float -11float 10float 10float 20float 20float -10float -30float 0float 110float 90float 30float 15float
--> 17float 15float -15float -17float 16float 16float 32float 32float -16float -48float 0float 116float 84float 48float 21float
--> 2\t5\t8
--> false
--> false
