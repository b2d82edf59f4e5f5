local funcs = require("funcs")

local function check_stock(items)
  local missing = {}
  for _, item in ipairs(items) do
    local stock, err = funcs.call("inventory:stock", item.sku)
    if err then
      return nil, "stock lookup failed for " .. item.sku .. ": " .. err
    end
    if stock < item.qty then
      missing[#missing + 1] = { sku = item.sku, short = item.qty - stock }
    end
  end
  return missing
end

local function reorder(missing)
  local orders = {}
  for i, m in ipairs(missing) do
    local qty = math.max(m.short * 2, 10)
    orders[i] = funcs.async("purchasing:order", { sku = m.sku, qty = qty })
  end
  local results = {}
  for i, future in ipairs(orders) do
    local ok, res = future:wait()
    results[i] = ok and res or { failed = true }
  end
  return results
end

return function(input)
  local missing, err = check_stock(input.items)
  if not missing then return { error = err } end
  if #missing == 0 then return { status = "in_stock" } end
  return { status = "reordered", orders = reorder(missing) }
end
