-- A host process: a function run outside workflows (`luac2py call samples/processes
-- app:supervisor`). It has a PID, spawns workflows, talks to them, and watches them end
-- through its events: EXIT for the monitored ones, LINK_DOWN for the linked ones.
local time = require("time")
local funcs = require("funcs")

-- the next value of a channel, or an error after 30 seconds
local function next_of(ch, what)
    local r = channel.select{ch:case_receive(), time.after("30s"):case_receive()}
    if r.channel ~= ch then
        error("no " .. what .. " within 30s")
    end
    return r.value
end

local function main(input)
    local me = process.pid()
    local out = {me = funcs.call("app:pid_parts", me)}
    local events = process.events()
    assert(process.set_options({trap_links = true}))

    -- a monitored counter: messages in, a reply back to this process, EXIT with its result
    local counter = process.spawn_monitored("app:counter_workflow", "app:worker", {initial = 1})
    local replies = process.listen("counted")
    process.send(counter, "increment", {amount = 2, reply = true})
    local reply = next_of(replies, "reply")
    process.send(counter, "increment", {amount = 3})
    process.send(counter, "finish")
    local ev = next_of(events, "event")
    out.exit = {kind = ev.kind, from_counter = ev.from == counter, result = ev.result.value,
                reply = reply.value}

    -- a workflow that sends to this process: its message lands in the inbox
    local pinger = process.spawn("app:ping_host_workflow", "app:worker", {host = me, n = 7})
    local msg = next_of(process.inbox(), "message")
    process.send(msg:from(), "pong", {got = msg:payload():data().n})
    out.ping = {topic = msg:topic(), from_pinger = msg:from() == pinger}

    -- a linked workflow that goes down: LINK_DOWN (links are trapped)
    local linked = process.spawn("app:long_workflow", "app:worker", {iterations = 100000})
    assert(process.link(linked))
    assert(process.terminate(linked))
    ev = next_of(events, "event")
    out.link_down = {kind = ev.kind, from_linked = ev.from == linked,
                     error_kind = ev.result.error:kind()}

    -- a third one, monitored, terminated: EXIT with its error
    local third = process.spawn_monitored("app:long_workflow", "app:worker", {iterations = 100000})
    assert(process.terminate(third))
    ev = next_of(events, "event")
    out.terminated = {kind = ev.kind, from_third = ev.from == third,
                      error_kind = ev.result.error:kind(), error = ev.result.error:message()}

    -- a cancellation request: EXIT with a Canceled error (from the workflow's CANCEL event,
    -- or from Temporal when the request came before its first task)
    local canceled = process.spawn_monitored("app:long_workflow", "app:worker",
                                             {iterations = 100000})
    assert(process.cancel(canceled))
    ev = next_of(events, "event")
    out.canceled = {kind = ev.kind, from_canceled = ev.from == canceled,
                    error_kind = ev.result.error:kind()}

    -- unmonitored: its end is no event; the next one is the EXIT of a later marker
    local quiet = process.spawn_monitored("app:long_workflow", "app:worker", {iterations = 100000})
    assert(process.unmonitor(quiet))
    assert(process.terminate(quiet))
    local marker = process.spawn_monitored("app:hello_workflow", "app:worker", {name = "marker"})
    ev = next_of(events, "event")
    out.after_unmonitor = (ev.from == marker and "marker") or (ev.from == quiet and "quiet")
                          or "other"

    -- exec waits for the result
    out.hello = process.exec("app:hello_workflow", "app:worker", {name = input and input.name})
    return out
end

return { main = main }
