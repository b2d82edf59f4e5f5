local M = {}
local private_counter = 0

local function private_helper(x)
  private_counter = private_counter + 1
  return x * 2
end

M.VERSION = "1.2.3"
M.defaults = { timeout = 30, retries = 3 }

function M.process(items, opts)
  opts = setmetatable(opts or {}, { __index = M.defaults })
  local out = {}
  for i = 1, #items do out[i] = private_helper(items[i]) end
  return out, opts.timeout, opts.retries
end

function M.calls() return private_counter end

setmetatable(M, {
  __call = function(self, ...) return self.process(...) end,
  __index = function(_, k) error("no such member: " .. tostring(k), 2) end,
})

return M
