-- leading comment
local x --[[ inline block ]] = --[==[ another ]==] 1 -- trailing
--[[
multi-line
comment ]] local y = 2
local t = { -- comment in table
  a = 1, -- after field
  --[[ before field ]] b = 2,
  -- last comment
}
local function f( --[[ param comment ]] a, b -- more
) -- after params
  return a + b -- sum
end
---[[ this is a line comment, not a block
x = x + 1
--]]
--[=[ level one ]=]
return f(x, y), t --[[ final ]]
-- eof comment
