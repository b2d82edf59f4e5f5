local channel = require("channel")
local time = require("time")

local function worker(inbox, results, id)
  while true do
    local job, ok = inbox:receive()
    if not ok then break end
    results:send({ worker = id, value = job * job })
  end
end

local function run(jobs)
  local inbox = channel.new(#jobs)
  local results = channel.new()
  for i = 1, 3 do
    coroutine.spawn(function() worker(inbox, results, i) end)
  end
  for _, j in ipairs(jobs) do inbox:send(j) end
  inbox:close()

  local collected, timeout = {}, time.after("30s")
  while #collected < #jobs do
    local r = channel.select {
      results:case_receive(),
      timeout:case_receive(),
    }
    if r.channel == timeout then
      return nil, "timed out after " .. #collected .. " results"
    end
    collected[#collected + 1] = r.value
  end
  return collected
end

return run
