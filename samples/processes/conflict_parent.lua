-- ID conflict policies for children: fail and execution_error_when_already_started give
-- nil, err; use_existing (the default for an explicit ID) gives the running child's PID.
local function main(input)
    local id = input.id
    local pid1, err0 = process.with_options({["temporal.workflow.id"] = id})
        :spawn("app:counter_workflow", "app:worker", {initial = 0})
    if err0 then return nil, err0 end

    local p_fail, err_fail = process.with_options({
        ["temporal.workflow.id"] = id,
        ["temporal.workflow.id_conflict_policy"] = "fail",
    }):spawn("app:counter_workflow", "app:worker", {initial = 1})

    local p_err, err_started = process.with_options({
        ["workflow.id"] = id,
        ["workflow.execution_error_when_already_started"] = true,
    }):spawn("app:counter_workflow", "app:worker", {initial = 2})

    local p_same, err_same = process.with_options({["temporal.workflow.id"] = id})
        :spawn("app:counter_workflow", "app:worker", {initial = 3})

    process.send(pid1, "finish")
    local ev = process.events():receive()
    return {
        fail_nil = p_fail == nil,
        fail_kind = err_fail and err_fail:kind(),
        started_nil = p_err == nil,
        started_kind = err_started and err_started:kind(),
        same = p_same == pid1,
        same_err = err_same and tostring(err_same),
        result = ev.result.value,
    }
end

return { main = main }
