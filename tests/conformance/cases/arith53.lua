-- lua: 5.3
-- case: int_add_sub_mul
print(1 + 2, 5 - 7, 6 * 7, -3 * 4, 0 - 0)
-- case: float_add
print(1.5 + 2, 1 + 2.0, 0.1 + 0.2, 3.0 - 1)
-- case: div_always_float
print(7 / 2, 8 / 2, -9 / 3, 1 / 3, math.type(4 / 2))
-- case: floor_div_int
print(7 // 2, -7 // 2, 7 // -2, -7 // -2, 0 // 5, math.type(7 // 2))
-- case: floor_div_float
print(7.5 // 2, -7.5 // 2, 7 // 2.0, math.type(7 // 2.0), 1 // 0.0, -1 // 0.0)
-- case: mod_int
print(7 % 3, -7 % 3, 7 % -3, -7 % -3, 0 % 7, 6 % 3)
-- case: mod_float
print(7.5 % 2, -7.5 % 2, 7.5 % -2, 5 % 2.5, math.type(5 % 2.0))
-- case: mod_float_inf
print(5 % math.huge, -5 % math.huge, 5 % -math.huge)
-- case: pow_float
print(2 ^ 10, 2 ^ 0.5, (-2) ^ 2, 2 ^ -1, math.type(2 ^ 2), -2 ^ 2)
-- case: unary_minus
local a, b = 5, 2.5
print(-a, -b, - -a, -(a - 10), math.type(-a), math.type(-b))
-- case: int_wrap_add
print(math.maxinteger + 1 == math.mininteger, math.mininteger - 1 == math.maxinteger)
print(math.maxinteger + 1, math.mininteger - 1)
-- case: int_wrap_mul
print(math.maxinteger * 2, math.mininteger * -1, 2^62 * 4 > 0)
local x = 4611686018427387904
print(x * 2, x * 4, x + x)
-- case: int_neg_min
print(-math.mininteger, math.mininteger // -1, math.mininteger % -1)
-- case: int_div_zero
print(pcall(function() return 1 // 0 end))
print(pcall(function() local z = 0; return 5 % z end))
-- case: float_div_zero
print(1 / 0, -1 / 0, 0 / 0 ~= 0 / 0, 1.0 // 0, 5.0 % 0 ~= 5.0 % 0)
-- case: float_literals
print(1e3, 1.5e-3, 0x10, 0xff, 0xA.8p1, 1e300 * 1e10, .5, 3.)
-- case: int_literal_overflow
print(9223372036854775807, 9223372036854775808, math.type(9223372036854775808))
-- case: math_type
print(math.type(1), math.type(1.0), math.type("1"), math.type(nil), math.type({}))
-- case: int_float_eq
print(1 == 1.0, 3 == 3.0000001, -0.0 == 0, 2^53 == 2^53 + 1, math.maxinteger + 0.0 == 2^63)
-- case: int_float_cmp
print(1 < 1.5, 2 > 1.5, 3 <= 3.0, math.maxinteger < math.huge, math.mininteger > -math.huge)
-- case: bitwise_basic
print(3 & 5, 3 | 5, 3 ~ 5, ~0, ~5, 1 << 4, 256 >> 4)
-- case: bitwise_shift_edges
print(1 << 62, 1 << 63, 1 << 64, -1 >> 1, -1 >> 63, -1 >> 64, 1 << -1, 2 >> -1)
-- case: bitwise_float_ok
print(3.0 & 1, 2.0 | 1, "3" & 1, 1 << 2.0)
-- case: bitwise_float_err
print(pcall(function() return 1.5 & 1 end))
print(pcall(function() return ({}) | 1 end))
-- case: bitwise_precedence
print(1 | 2 & 3, 1 << 2 + 1, 5 & 3 == 1, 2 ~ 3 | 4, ~1 + 1)
-- case: concat_numbers
print(1 .. 2, 10 .. "", -5 .. "x", 2^63 == math.maxinteger + 1.0)
-- case: string_coercion_arith
print("10" + 1, "3.5" * 2, "0x10" + 0, " 5 " * 2, "1e2" + 0, 10 - "2")
print(math.type("10" + 1), math.type("10" * 1.0), math.type("2" // "1"))
-- case: string_coercion_err
print(pcall(function() return "abc" + 1 end))
print(pcall(function() return {} * 2 end))
-- case: tostring_numbers
print(tostring(10), tostring(-0.0), tostring(1e15), tostring(1e16), tostring(2^53), tostring(0.1))
print(tostring(1/3), tostring(100), tostring(123456789012), tostring(1e100), tostring(-1e-5))
-- case: tointeger
print(math.tointeger(3.0), math.tointeger(3.5), math.tointeger("8"), math.tointeger(2^63))
-- case: for_float_step
for i = 1, 2, 0.25 do io_x = i end
print(io_x)
local acc = {}
for i = 0.5, 2.5 do acc[#acc+1] = tostring(i) end
print(table.concat(acc, ","))
-- case: for_int_types
for i = 1, 3 do print(i, math.type(i)) end
for i = 1.0, 3 do print(i, math.type(i)) end
-- case: for_neg_step
local acc = {}
for i = 10, 1, -3 do acc[#acc+1] = i end
print(table.concat(acc, " "))
for i = 1, 0 do print("never") end
for i = 5, 5 do print("once", i) end
-- case: for_large_bounds
local n = 0
for i = math.mininteger, math.mininteger + 2 do n = n + 1 end
print(n)
-- case: for_float_limit
local acc = {}
for i = 1, 3.5 do acc[#acc+1] = i end
print(table.concat(acc, " "), math.type(acc[1]))
-- case: for_errors
print(pcall(function() for i = "a", 10 do end end))
print(pcall(function() for i = 1, {} do end end))
-- case: compare_mixed
print(pcall(function() return 1 < "2" end))
print(pcall(function() return "a" < 1 end))
print(pcall(function() return {} < {} end))
print(pcall(function() return nil > 1 end))
-- case: arith_assign_loop
local s = 0
for i = 1, 100 do s = s + i * i - i // 2 end
print(s)
local f = 0.0
for i = 1, 10 do f = f + i / 4 end
print(f, math.type(f))
-- case: wrap_in_loop
local h = 0
for i = 1, 50 do h = h * 31 + i end
print(h)
-- case: huge_and_pi
print(math.huge, -math.huge, math.pi, math.maxinteger, math.mininteger)
-- case: math_floor_ceil_types
print(math.floor(3.7), math.ceil(3.2), math.floor(-3.5), math.type(math.floor(3.7)), math.floor(5))
print(math.floor(1e100) == 1e100, math.type(math.floor(1e100)))
-- case: math_abs_max_min
print(math.abs(-5), math.abs(-5.5), math.max(1, 5, 3), math.min(4, 2.5, 9), math.max(2, 2.0))
print(math.type(math.max(1, 2)), math.abs(math.mininteger))
-- case: math_fmod_modf
print(math.fmod(7, 3), math.fmod(-7, 3), math.fmod(7, -3), math.fmod(7.5, 2))
print(math.modf(3.7), math.modf(-3.7), math.modf(5))
-- case: math_sqrt_exp_log
print(math.sqrt(16), math.exp(0), math.log(1), math.log(8, 2), math.log(100, 10))
-- case: numeric_string_compare
print("10" == 10, "abc" < "abd", "Z" < "a", "" < "a", "10" < "9")
-- case: string_arith_result_float
print("0.5" + 0.5, "2" ^ "3", -"2", -"2.5")
-- case: idiv_mod_identity
for _, p in ipairs({{7, 3}, {-7, 3}, {7, -3}, {-7, -3}, {13, 5}}) do
  local a, b = p[1], p[2]
  print(a, b, a // b, a % b, (a // b) * b + a % b == a)
end
-- case: tonumber_rejects_what_python_would_take
for _, s in ipairs({"0x10", "0x1p4", "0x.8", "-0x10", "0x", "0x1_0", "1_0", "0x 1", "0x-1",
                    "0x+1", "0x1p", "+-1", "-+1", "--1", "- 1", "1e+", ".5", "5.", "0x1P-2",
                    "0xffffffffffffffff", "  12  ", "1 2", "nan", "inf", "0x1.8"}) do
  print(s, tonumber(s), math.type(tonumber(s)))
end
