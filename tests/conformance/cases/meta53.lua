-- lua: 5.3
-- case: int_keys_float_normalise
local t = {}
t[2^53] = "big"
print(t[2^53], t[9007199254740992])
t[3.0] = "three"
print(t[3], math.type(next({[3.0] = 1})))
-- case: for_loop_int_float_keys
local t = {}
for i = 1, 3 do t[i] = i end
for i = 1.0, 3.0 do t[i] = (t[i] or 0) + 10 end
print(t[1], t[2], t[3], #t)
-- case: math_integer_ops
print(math.floor(-0.5), math.ceil(-0.5), math.abs(-2^63), 7 // 0.5)
print(math.ult(1, -1), math.ult(-1, 1))
-- case: compare_int_float_edges
print(math.maxinteger < 2^63, math.maxinteger + 0.0 == 2^63, 2^63 > math.maxinteger)
print(-2^63 == math.mininteger, 1 == 1.0000000000000002)
