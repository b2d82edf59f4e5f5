local workflow = require("workflow")

local progress = { total = 0, done = 0, errors = {}, started_at = nil }

workflow.query("progress", function()
  return {
    percent = progress.total > 0 and math.floor(progress.done * 100 / progress.total) or 0,
    errors = #progress.errors,
  }
end)

workflow.update("skip", function(args)
  if progress.done >= progress.total then return false, "already finished" end
  progress.done = progress.done + (args.count or 1)
  return true
end)

return function(input)
  progress.total = #input.tasks
  progress.started_at = workflow.now()
  for _, task in ipairs(input.tasks) do
    local ok, err = pcall(workflow.exec, "app.tasks:run", task)
    if not ok then progress.errors[#progress.errors + 1] = { task = task.id, error = err } end
    progress.done = progress.done + 1
  end
  return progress
end
