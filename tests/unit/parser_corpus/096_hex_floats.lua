local a = 0x1p4
local b = 0x.8
local c = 0xA.8p1
local d = 0x1P-2
return a, b, c, d
