local workflow = require("workflow")
local funcs = require("funcs")

local function spawn_children(batches)
  local handles = {}
  for i, batch in ipairs(batches) do
    handles[i] = workflow.exec_async("app.batch:process", {
      batch_id = batch.id,
      items = batch.items,
      parent = workflow.info().workflow_id,
    }, { id = "batch-" .. batch.id, retry = { max_attempts = 2 } })
  end
  return handles
end

return function(input)
  local batches, size = {}, input.batch_size or 50
  local current
  for idx, item in ipairs(input.items) do
    if (idx - 1) % size == 0 then
      current = { id = #batches + 1, items = {} }
      batches[#batches + 1] = current
    end
    current.items[#current.items + 1] = item
  end
  local handles = spawn_children(batches)
  local processed, failed = 0, {}
  for i, h in ipairs(handles) do
    local result, err = h:result()
    if err then
      failed[#failed + 1] = { batch = i, error = tostring(err) }
    else
      processed = processed + result.count
    end
  end
  funcs.call("app.report:send", { processed = processed, failed = failed })
  return { processed = processed, failed = #failed }
end
