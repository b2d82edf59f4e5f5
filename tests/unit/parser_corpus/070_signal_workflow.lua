local workflow = require("workflow")
local channel = require("channel")
local time = require("time")

local state = { items = {}, closed = false, total = 0 }

workflow.query("cart", function() return state end)

local function add_item(sku, qty, price)
  local line = state.items[sku]
  if line then
    line.qty = line.qty + qty
  else
    state.items[sku] = { qty = qty, price = price }
  end
  state.total = state.total + qty * price
end

return function()
  local signals = workflow.signal_channel("cart")
  local idle = time.after("1h")
  while not state.closed do
    local r = channel.select({ signals:case_receive(), idle:case_receive() })
    if r.channel == idle then
      state.closed = true
      break
    end
    local sig = r.value
    if sig.op == "add" then
      add_item(sig.sku, sig.qty or 1, sig.price)
    elseif sig.op == "remove" and state.items[sig.sku] then
      local line = state.items[sig.sku]
      state.total = state.total - line.qty * line.price
      state.items[sig.sku] = nil
    elseif sig.op == "checkout" then
      state.closed = true
    end
    idle = time.after("1h")
  end
  return state
end
