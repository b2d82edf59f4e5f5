local function between(x, lo, hi) return lo <= x and x <= hi end
local function clamp(x, lo, hi) return x < lo and lo or (x > hi and hi or x) end
local function sign(x) return x > 0 and 1 or x < 0 and -1 or 0 end
local function max3(a, b, c)
  if a >= b and a >= c then return a elseif b >= c then return b else return c end
end
local eq = (1 == 1) == true
local ne = (1 ~= 2) ~= false
local strcmp = "abc" < "abd" and "Z" < "a" and "" < "a"
print(between(5, 1, 10), clamp(15, 0, 10), sign(-3), max3(1, 9, 4), eq, ne, strcmp)
