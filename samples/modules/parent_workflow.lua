local workflow = require("workflow")

local function main(input)
    local result, err = workflow.exec("app:child_workflow", {message = "hello", n = input.n})
    if err then
        return nil, err
    end
    local _, err2 = workflow.exec("app:child_workflow", {fail = "no"})
    return {
        child = result,
        err_kind = err2:kind(),
        err_retryable = err2:retryable(),
        err_message = err2:message(),
    }
end

return { main = main }
