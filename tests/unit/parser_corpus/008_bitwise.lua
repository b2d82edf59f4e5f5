local FLAG_READ = 1 << 0
local FLAG_WRITE = 1 << 1
local FLAG_EXEC = 1 << 2

local function has(flags, f) return flags & f ~= 0 end
local function set(flags, f) return flags | f end
local function clear(flags, f) return flags & ~f end
local function toggle(flags, f) return flags ~ f end

local perms = set(set(0, FLAG_READ), FLAG_WRITE)
perms = toggle(perms, FLAG_EXEC)
perms = clear(perms, FLAG_WRITE)
print(has(perms, FLAG_READ), has(perms, FLAG_WRITE), perms >> 1, -1 >> 60)

local function popcount(x)
  local c = 0
  while x ~= 0 do
    x = x & (x - 1)
    c = c + 1
  end
  return c
end
print(popcount(0xFF), 0xF0 | 0x0F, 5 ~ 3, ~0, 7 // 2, -7 // 2, 7 % -3, 2^10)
