-- lua: 5.3
print(7 // 2, -7 // 2, 7 % 3, -7 % 3, 7 % -3, 7.5 // 2, -7.5 % 2)
print(1 / 2, 10 / 2, 2^10, 3 * 4, 3 * 4.0, 1e15, 1e16, 2^53)
print(math.maxinteger + 1 == math.mininteger, math.mininteger - 1 == math.maxinteger)
print(math.type(1), math.type(1.0), math.type("1"), 5 // 0.0, -5 // 0.0)
print(3 & 5, 3 | 5, 3 ~ 5, ~0, 1 << 62, 1 << 63, 1 << 64, -1 >> 1)
print("10" + 1, "3.5" * 2, 10 == 10.0, "10" == 10)
print(pcall(function() return 1 // 0 end))
print(pcall(function() return {} + 1 end))
