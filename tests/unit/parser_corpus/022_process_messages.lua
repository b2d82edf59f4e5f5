local process = require("process")

local function handle(msg)
  local topic = msg:topic()
  local payload = msg:payload():data()
  if topic == "ping" then
    process.send(msg:from(), "pong", { at = payload.at })
  elseif topic == "add" then
    return payload.a + payload.b
  elseif topic == "stop" then
    return nil, "stopped"
  else
    print("unknown topic: " .. tostring(topic))
  end
end

local function main()
  local inbox = process.inbox()
  local events = process.events()
  while true do
    local result = channel.select({ inbox:case_receive(), events:case_receive() })
    if result.channel == events then
      if result.value.kind == process.event.CANCEL then
        return { cancelled = true }
      end
    else
      local value, err = handle(result.value)
      if err then return { stopped = true, last = value } end
    end
  end
end

return { main = main }
