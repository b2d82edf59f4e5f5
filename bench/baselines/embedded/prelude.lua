-- The Wippy modules the workloads use (funcs, time, channel, process, coroutine.spawn) for the
-- embedded-interpreter baseline: a scheduler of Lua coroutines inside the Lua state. Channel
-- operations between coroutines stay in Lua; only activities, timers and messages cross to
-- the Python workflow (bridge.py), in batches: run() resumes every ready coroutine and returns
-- the external operations they started. Loaded per execution (fresh state) from bytecode.
local co_create, co_resume, co_yield, co_running =
    coroutine.create, coroutine.resume, coroutine.yield, coroutine.running
local type, tostring, setmetatable, tonumber = type, tostring, setmetatable, tonumber
local unpack = table.unpack or unpack

-- the ready queue: coroutine and the two values it is resumed with
local ready_co, ready_a, ready_b = {}, {}, {}
local rhead, rtail = 1, 0
local function wake(co, a, b)
    rtail = rtail + 1
    ready_co[rtail], ready_a[rtail], ready_b[rtail] = co, a, b
end

-- external operations for the host: {id, kind, x, y}; replies to Updates: {id, topic, value}
local requests, nreq = {}, 0
local replies, nrep = {}, 0
local pending = {}
local next_id = 0

local function external(kind, x, y)
    next_id = next_id + 1
    nreq = nreq + 1
    requests[nreq] = {next_id, kind, x, y}
    pending[next_id] = co_running()
    return co_yield()
end

-- errors ---------------------------------------------------------------------------------
local Err = {}
Err.__index = Err
Err.__tostring = function(e) return e._msg end
Err.__concat = function(a, b) return tostring(a) .. tostring(b) end
function Err:message() return self._msg end
function Err:kind() return self._kind end
function Err:retryable() return self._retry end
local function new_error(msg, kind, retry)
    return setmetatable({_msg = msg, _kind = kind, _retry = retry}, Err)
end

-- channels -------------------------------------------------------------------------------
local Channel = {}
Channel.__index = Channel
local function channel_new(cap)
    return setmetatable({cap = cap or 0, n = 0, buf = {}, bh = 1, bt = 0, closed = false,
                         rq = {}, rh = 1, rt = 0, sq = {}, sh = 1, st = 0}, Channel)
end

function Channel:send(v)
    if self.closed then error("send on closed channel", 2) end
    if self.rh <= self.rt then
        local co = self.rq[self.rh]
        self.rq[self.rh] = nil
        self.rh = self.rh + 1
        wake(co, v, true)
        return true
    end
    if self.n < self.cap then
        self.bt = self.bt + 1
        self.buf[self.bt] = v
        self.n = self.n + 1
        return true
    end
    self.st = self.st + 1
    self.sq[self.st] = {co_running(), v}
    local ok = co_yield()
    if not ok then error("send on closed channel", 2) end
    return true
end

function Channel:receive()
    if self.n > 0 then
        local v = self.buf[self.bh]
        self.buf[self.bh] = nil
        self.bh = self.bh + 1
        self.n = self.n - 1
        if self.sh <= self.st then -- a blocked sender moves into the freed slot
            local s = self.sq[self.sh]
            self.sq[self.sh] = nil
            self.sh = self.sh + 1
            self.bt = self.bt + 1
            self.buf[self.bt] = s[2]
            self.n = self.n + 1
            wake(s[1], true)
        end
        return v, true
    end
    if self.sh <= self.st then
        local s = self.sq[self.sh]
        self.sq[self.sh] = nil
        self.sh = self.sh + 1
        wake(s[1], true)
        return s[2], true
    end
    if self.closed then return nil, false end
    self.rt = self.rt + 1
    self.rq[self.rt] = co_running()
    return co_yield()
end

function Channel:close()
    if self.closed then error("close of closed channel", 2) end
    self.closed = true
    for i = self.rh, self.rt do wake(self.rq[i], nil, false) end
    for i = self.sh, self.st do wake(self.sq[i][1], false) end
    self.rq, self.rh, self.rt, self.sq, self.sh, self.st = {}, 1, 0, {}, 1, 0
    return true
end

channel = {new = channel_new}

-- coroutine.spawn ------------------------------------------------------------------------
coroutine.spawn = function(fn, ...)
    local args = {...}
    local co = co_create(function() return fn(unpack(args)) end)
    wake(co)
    return co
end

-- funcs ----------------------------------------------------------------------------------
local funcs = {}
function funcs.call(id, arg)
    return external("call", id, arg)
end

-- time -----------------------------------------------------------------------------------
local UNITS = {ns = 1e-9, us = 1e-6, ms = 1e-3, s = 1, m = 60, h = 3600}
local function seconds(d)
    if type(d) == "number" then return d / 1e9 end
    local total = 0
    for num, unit in string.gmatch(d, "([%d%.]+)(%a+)") do
        total = total + tonumber(num) * UNITS[unit]
    end
    return total
end
local time = {NANOSECOND = 1, MICROSECOND = 1000, MILLISECOND = 1000000, SECOND = 1000000000,
              MINUTE = 60000000000, HOUR = 3600000000000}
function time.sleep(d)
    local s = seconds(d)
    if s > 0 then external("sleep", s) end
end

-- process: messages (Updates) and replies ---------------------------------------------------
local Payload = {}
Payload.__index = Payload
function Payload:data() return self.v end
local Message = {}
Message.__index = Message
function Message:payload() return setmetatable({v = self.data}, Payload) end
function Message:from() return self.sender end
function Message:topic() return self.topic_ end

local listeners, early = {}, {}
process = {}
function process.listen(topic)
    local ch = channel_new(math.huge)
    listeners[topic] = ch
    local q = early[topic]
    if q then
        early[topic] = nil
        for i = 1, #q do ch:send(q[i]) end
    end
    return ch
end
function process.send(to, topic, value)
    local id = string.match(to, "^{update|(%d+)}$")
    if id then
        nrep = nrep + 1
        replies[nrep] = {tonumber(id), topic, value}
    end
    return true
end

package.loaded.funcs = funcs
package.loaded.time = time

-- the host API ---------------------------------------------------------------------------
local main_done, main_result, main_err = false, nil, nil

local host = {}
function host.start(chunk, method, input)
    local r = chunk()
    local entry = type(r) == "function" and r or r[method]
    wake(co_create(function(inp)
        main_result, main_err = entry(inp)
        main_done = true
    end), input)
end

function host.complete(id, value, errmsg, errkind)
    local co = pending[id]
    pending[id] = nil
    if errmsg then
        wake(co, nil, new_error(errmsg, errkind, false))
    else
        wake(co, value, nil)
    end
end

function host.message(topic, data, reply_id)
    local msg = setmetatable({topic_ = topic, data = data,
                              sender = "{update|" .. reply_id .. "}"}, Message)
    local ch = listeners[topic]
    if ch then
        ch:send(msg)
    else
        local q = early[topic] or {}
        q[#q + 1] = msg
        early[topic] = q
    end
end

function host.run()
    while rhead <= rtail do
        local co, a, b = ready_co[rhead], ready_a[rhead], ready_b[rhead]
        ready_co[rhead], ready_a[rhead], ready_b[rhead] = nil, nil, nil
        rhead = rhead + 1
        local ok, err = co_resume(co, a, b)
        if not ok then
            return "error", tostring(err)
        end
        if main_done then break end
    end
    local reqs, reps = nil, nil
    if nreq > 0 then reqs, requests, nreq = requests, {}, 0 end
    if nrep > 0 then reps, replies, nrep = replies, {}, 0 end
    if main_done then
        if main_err ~= nil then return "error", tostring(main_err), reqs, reps end
        return "done", main_result, reqs, reps
    end
    return "wait", nil, reqs, reps
end

return host
