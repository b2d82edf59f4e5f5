-- A plain function (no activity): the parts of a PID "{node@host|id}".
local function main(pid)
    local node, host, id = string.match(pid, "^{([^@|]*)@([^|]*)|(.*)}$")
    return {node = node, host = host, id = id}
end

return main
