local M, unpack = {}, table.unpack or unpack

M.handlers = setmetatable({}, { __index = function(t, k) return rawget(t, "default") end })
M.handlers.default = function(...) return "default", select("#", ...) end
M.handlers.sum = function(...)
  local s = 0
  for _, v in ipairs({ ... }) do s = s + v end
  return "sum", s
end

function M:call(name, ...)
  local h = self.handlers[name]
  return h(...)
end

local results = {}
for idx, spec in ipairs({ { "sum", 1, 2, 3 }, { "nope", "x" }, { "sum" } }) do
  local kind, value = M:call(unpack(spec))
  results[idx] = ("%s:%s"):format(kind, tostring(value))
  if idx == 2 then goto skip end
  results[idx] = results[idx] .. "!"
  ::skip::
end

local bits = 0
for i = 0, 7, 2 do bits = bits | (1 << i) end
local text = [[bits=]] .. bits .. ", hex=" .. ("%x"):format(bits) .. ", neg=" .. ~bits

return {
  results = results,
  text = text,
  ok = #results == 3 and not not results[1]:find("sum"),
  idiv = 17 // 5, fmod = 17 % -5, pow = 2 ^ 0.5,
}
