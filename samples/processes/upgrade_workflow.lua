local ctx = require("ctx")
local workflow = require("workflow")

-- Continues as new until input.n reaches input.max; the context survives each upgrade.
-- With input.host, each run first tells that host process its number.
local function main(input)
    if input.host then
        process.send(input.host, "run", input.n)
    end
    if input.n < input.max then
        process.upgrade(nil, {n = input.n + 1, max = input.max, host = input.host,
                         runs = (input.runs or "") .. input.n})
    end
    return {n = input.n, runs = (input.runs or "") .. input.n, user_id = ctx.get("user_id"),
            pid = process.pid(), workflow_id = workflow.info().workflow_id}
end

return { main = main }
