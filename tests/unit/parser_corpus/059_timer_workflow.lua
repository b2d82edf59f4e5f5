local time = require("time")
local funcs = require("funcs")

local REMINDERS = { "24h", "48h", "72h" }

return function(input)
  local invoice = input.invoice
  for attempt, delay in ipairs(REMINDERS) do
    time.sleep(delay)
    local status = funcs.call("billing:status", invoice.id)
    if status == "paid" then
      return { paid = true, reminders_sent = attempt - 1 }
    end
    funcs.call("mail:send", {
      to = invoice.email,
      subject = ("Reminder %d/%d: invoice %s"):format(attempt, #REMINDERS, invoice.id),
      body = "Please pay " .. invoice.amount .. " " .. (invoice.currency or "EUR"),
    })
  end
  funcs.call("billing:escalate", invoice.id)
  return { paid = false, escalated = true }
end
