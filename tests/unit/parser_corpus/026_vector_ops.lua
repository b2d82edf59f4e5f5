local Vec = {}
Vec.__index = Vec

local function new(x, y) return setmetatable({ x = x, y = y }, Vec) end

Vec.__add = function(a, b) return new(a.x + b.x, a.y + b.y) end
Vec.__sub = function(a, b) return new(a.x - b.x, a.y - b.y) end
Vec.__mul = function(a, s)
  if type(a) == "number" then a, s = s, a end
  return new(a.x * s, a.y * s)
end
Vec.__div = function(a, s) return new(a.x / s, a.y / s) end
Vec.__unm = function(a) return new(-a.x, -a.y) end
Vec.__eq = function(a, b) return a.x == b.x and a.y == b.y end
Vec.__lt = function(a, b) return a:len() < b:len() end
Vec.__le = function(a, b) return a:len() <= b:len() end
Vec.__len = function(a) return 2 end
Vec.__concat = function(a, b) return tostring(a) .. tostring(b) end
Vec.__tostring = function(a) return "(" .. a.x .. ", " .. a.y .. ")" end
Vec.__call = function(self, k) return self[k] end

function Vec:len() return math.sqrt(self.x ^ 2 + self.y ^ 2) end

local a, b = new(1, 2), new(3, 4)
print(a + b, a - b, a * 2, 2 * a, -a, a == b, a < b, #a, a .. b, a("x"))
