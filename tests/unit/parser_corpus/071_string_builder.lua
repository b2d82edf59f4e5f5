local SB = {}
SB.__index = SB
SB.__tostring = function(self) return table.concat(self.buf) end
SB.__len = function(self) return self.len end
SB.__concat = function(a, b)
  if getmetatable(a) == SB then return tostring(a) .. tostring(b) end
  return tostring(a) .. tostring(b)
end

function SB.new() return setmetatable({ buf = {}, len = 0 }, SB) end
function SB:add(...)
  for i = 1, select("#", ...) do
    local s = tostring((select(i, ...)))
    self.buf[#self.buf + 1] = s
    self.len = self.len + #s
  end
  return self
end
function SB:line(...) return self:add(...):add("\n") end

local sb = SB.new():line("header"):add("a", 1, true, nil):line()
print(tostring(sb), #sb, sb .. "!", "?" .. sb)
