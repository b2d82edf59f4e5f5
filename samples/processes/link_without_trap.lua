-- A host process linked to a workflow that goes down, without trap_links: the link takes
-- this process down too (its run ends with the linked workflow's error).
local function main()
    local pid = process.spawn_linked("app:long_workflow", "app:worker", {iterations = 100000})
    process.terminate(pid)
    process.events():receive()  -- no event comes: the process ends first
    return "not reached"
end

return main
