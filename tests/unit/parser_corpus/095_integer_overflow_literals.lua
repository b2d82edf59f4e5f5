local too_big = 9223372036854775808
local huge = 123456789012345678901234567890
local all_ones = 0xffffffffffffffff
local wraps = 0x10000000000000001
local min = 0x8000000000000000
return too_big, huge, all_ones, wraps, min
