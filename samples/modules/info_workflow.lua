local workflow = require("workflow")

local function main()
    local info = workflow.info()
    print(info.workflow_id)
    return {
        workflow_id = info.workflow_id,
        run_id = info.run_id,
        workflow_type = info.workflow_type,
        task_queue = info.task_queue,
        namespace = info.namespace,
        attempt = info.attempt,
        history_length = info.history_length,
        has_size = info.history_size > 0,
        length_fn = workflow.history_length(),
    }
end

return { main = main }
