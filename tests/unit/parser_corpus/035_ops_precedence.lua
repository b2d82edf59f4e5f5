local a, b, c, d = 2, 3, 4, 5
local r1 = a + b * c ^ d / a - b % c
local r2 = a .. b .. c == "234" and a < b or c > d
local r3 = not a == b
local r4 = -a ^ b
local r5 = a ^ -b
local r6 = #"xyz" + -#"ab"
local r7 = a | b & c ~ d << 1 >> 2
local r8 = ~a & ~b
local r9 = a < b == (c < d)
local r10 = a // b * c // d
local r11 = 1 .. 2 .. 3 + 4
local r12 = a and b or c and d or nil
local r13 = a + b .. c + d
local r14 = a << b .. c
local r15 = -2 ^ -2 ^ 2
local r16 = not not not a
local r17 = - - -a
local r18 = ~ ~ a
return r1, r2, r3, r4, r5, r6, r7, r8, r9, r10, r11, r12, r13, r14, r15, r16, r17, r18
