-- Context propagation to a child workflow and its activity (with_context).
local function main(input)
    local spawner = process.with_context({
        user_id = "user-1",
        tenant = "tenant-1",
        request_id = "req-abc",
    })
    local r, err = spawner:exec("app:ctx_workflow", "app:worker")
    if err then return nil, err end
    return r
end

return { main = main }
