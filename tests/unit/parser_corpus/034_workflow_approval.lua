local workflow = require("workflow")
local time = require("time")
local channel = require("channel")

local APPROVAL_TIMEOUT = "72h"

local function request_approval(doc)
  local approvals = channel.new()
  workflow.on_signal("approve", function(signal)
    approvals:send({ approved = true, by = signal.user, note = signal.note })
  end)
  workflow.on_signal("reject", function(signal)
    approvals:send({ approved = false, by = signal.user, note = signal.note or "" })
  end)
  local deadline = time.after(APPROVAL_TIMEOUT)
  local r = channel.select { approvals:case_receive(), deadline:case_receive() }
  if r.channel == deadline then
    return { approved = false, by = "system", note = "timed out after " .. APPROVAL_TIMEOUT }
  end
  return r.value
end

local function main(input)
  local doc = input.document
  local decision = request_approval(doc)
  if decision.approved then
    workflow.set_status("approved by " .. decision.by)
  else
    workflow.set_status("rejected: " .. decision.note)
  end
  return { document = doc.id, decision = decision }
end

return { main = main }
