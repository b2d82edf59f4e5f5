local workflow = require("workflow")

-- Synchronous children: workflow.exec and process.exec.
local function main(input)
    local result, err = workflow.exec("app:child_workflow", {message = "sync"})
    if err then
        return nil, err
    end
    local hello, err2 = process.exec("app:hello_workflow", "app:worker", {name = "world"})
    if err2 then
        return nil, err2
    end
    local none, err3 = process.exec("app:error_child_workflow", "app:worker")
    return {
        child = result,
        hello = hello,
        none = none == nil,
        err_kind = err3:kind(),
        err_retryable = err3:retryable(),
        err_message = err3:message(),
    }
end

return { main = main }
