-- lua: 5.3
-- case: int_add_sub_mul
print(1 + 2, 5 - 7, 6 * 7, -3 * 4, 0 - 0)
-- case: float_add
print(1.5 + 2, 1 + 2.0, 0.1 + 0.2, 3.0 - 1)
-- case: div_always_float
print(7 / 2, 8 / 2, -9 / 3, 1 / 3, math.type(4 / 2))
-- case: floor_div_float
print(7.5 // 2, -7.5 // 2, 7 // 2.0, math.type(7 // 2.0), 1 // 0.0, -1 // 0.0)
-- case: mod_int
print(7 % 3, -7 % 3, 7 % -3, -7 % -3, 0 % 7, 6 % 3)
-- case: mod_float
print(7.5 % 2, -7.5 % 2, 7.5 % -2, 5 % 2.5, math.type(5 % 2.0))
-- case: pow_float
print(2 ^ 10, 2 ^ 0.5, (-2) ^ 2, 2 ^ -1, math.type(2 ^ 2), -2 ^ 2)
-- case: int_wrap_add
print(math.maxinteger + 1 == math.mininteger, math.mininteger - 1 == math.maxinteger)
print(math.maxinteger + 1, math.mininteger - 1)
-- case: float_div_zero
print(1 / 0, -1 / 0, 0 / 0 ~= 0 / 0, 1.0 // 0, 5.0 % 0 ~= 5.0 % 0)
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
-- case: bitwise_precedence
print(1 | 2 & 3, 1 << 2 + 1, 5 & 3 == 1, 2 ~ 3 | 4, ~1 + 1)
-- case: concat_numbers
print(1 .. 2, 10 .. "", -5 .. "x", 2^63 == math.maxinteger + 1.0)
-- case: string_coercion_err
print(pcall(function() return "abc" + 1 end))
print(pcall(function() return {} * 2 end))
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
-- case: math_fmod_modf
print(math.fmod(7, 3), math.fmod(-7, 3), math.fmod(7, -3), math.fmod(7.5, 2))
print(math.modf(3.7), math.modf(-3.7), math.modf(5))
-- case: numeric_string_compare
print("10" == 10, "abc" < "abd", "Z" < "a", "" < "a", "10" < "9")
-- case: string_arith_result_float
print("0.5" + 0.5, "2" ^ "3", -"2", -"2.5")
-- case: idiv_mod_identity
for _, p in ipairs({{7, 3}, {-7, 3}, {7, -3}, {-7, -3}, {13, 5}}) do
  local a, b = p[1], p[2]
  print(a, b, a // b, a % b, (a // b) * b + a % b == a)
end
