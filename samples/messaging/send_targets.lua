local function main(input)
    local to_self, self_err = process.send(process.pid(), "note", "hi")
    local ok, err = process.send(input.target, "hello", 1)
    local _, bad_topic = process.send(process.pid(), "@internal", 1)
    return {
        self_ok = to_self,
        self_err = self_err and tostring(self_err),
        unknown_ok = ok,
        unknown_kind = err and err:kind(),
        reserved_kind = bad_topic and bad_topic:kind(),
        pid = process.pid(),
    }
end

return { main = main }
