local Builder = {}
Builder.__index = Builder

function Builder.new() return setmetatable({ parts = {} }, Builder) end
function Builder:add(p) self.parts[#self.parts + 1] = p; return self end
function Builder:sep(s) self.separator = s; return self end
function Builder:build() return table.concat(self.parts, self.separator or "") end

local s = Builder.new():add("a"):add("b"):sep(", "):add("c"):build()
local t = Builder.new()
  :add "x"
  :add "y"
  :add { "table", "arg" }
print(s, #t.parts, ("%d items"):format(#t.parts), ("abc"):rep(2):upper():sub(2, -2))
