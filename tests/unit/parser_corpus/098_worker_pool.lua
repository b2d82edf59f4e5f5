local channel = require("channel")

local Pool = {}
Pool.__index = Pool

function Pool.new(size, handler)
  local self = setmetatable({ jobs = channel.new(size * 2), done = channel.new(), size = size }, Pool)
  for w = 1, size do
    coroutine.spawn(function()
      for job in self.jobs:iter() do
        local ok, res = pcall(handler, job.payload)
        self.done:send({ id = job.id, ok = ok, result = res, worker = w })
      end
    end)
  end
  return self
end

function Pool:map(payloads)
  for i, p in ipairs(payloads) do self.jobs:send({ id = i, payload = p }) end
  local out, failures = {}, 0
  for _ = 1, #payloads do
    local r = self.done:receive()
    out[r.id] = r.ok and r.result or nil
    if not r.ok then failures = failures + 1 end
  end
  return out, failures
end

function Pool:close() self.jobs:close() end

return Pool
