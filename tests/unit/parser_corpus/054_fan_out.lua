local funcs = require("funcs")

local function fan_out(items, fn_name, concurrency)
  concurrency = concurrency or 4
  local results, errors = {}, {}
  local next_index = 1
  local in_flight = {}

  local function launch()
    while #in_flight < concurrency and next_index <= #items do
      local i = next_index
      next_index = next_index + 1
      in_flight[#in_flight + 1] = { index = i, future = funcs.async(fn_name, items[i]) }
    end
  end

  launch()
  while #in_flight > 0 do
    local job = table.remove(in_flight, 1)
    local value, err = job.future:result()
    if err then errors[job.index] = err else results[job.index] = value end
    launch()
  end
  return results, next(errors) and errors or nil
end

return fan_out
