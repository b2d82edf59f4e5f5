local x = 1 + 2 * 3 - 4 / 5 % 6 ^ 7 ^ 2
local y = -x ^ 2 + #"abc" - -x
local z = not nil == true and false or "default"
local s = "a" .. "b" .. 1 .. 2.5 .. ("c"):upper()
local cmp = 1 < 2, 2 <= 2, 3 > 1, 3 >= 4, 1 == 1, 1 ~= 2
local nested = ((((x))))
local call_in_parens = (tostring(x))
local idx = ({ 10, 20, 30 })[2]
local f = (function(v) return v * 2 end)(21)
local band = 0xFF & 0x0F | 0x30 ~ 0x01 << 2 >> 1
local concat_num = 10 .. 20
return x, y, z, s, cmp, nested, call_in_parens, idx, f, band, concat_num
