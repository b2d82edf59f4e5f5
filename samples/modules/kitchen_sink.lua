-- uuid, crypto, json, time and errors inside a workflow. Random and clock values must replay:
-- they decide how many timers run, so a different value on replay is a non-determinism error.
local uuid = require("uuid")
local crypto = require("crypto")
local json = require("json")
local time = require("time")
local funcs = require("funcs")

local function main(input)
    local out = {}
    local id4 = uuid.v4()
    local id7 = uuid.v7()
    out.v4_version = uuid.version(id4)
    out.v7_version = uuid.version(id7)
    out.v5 = uuid.v5("6ba7b810-9dad-11d1-80b4-00c04fd430c8", "example.com")
    out.valid = uuid.validate(id4) and not uuid.validate("nope")

    local key = crypto.random.bytes(32)
    local secret = "비밀 " .. input.text
    local box = crypto.encrypt.aes(secret, key)
    out.roundtrip = crypto.decrypt.aes(box, key) == secret
    local _, bad = crypto.decrypt.aes(box, crypto.random.bytes(32))
    out.bad_key_kind = bad and bad:kind()
    out.hmac = crypto.hmac.sha256("k", "data")

    local doc = json.encode({name = input.text, n = 3, list = {1, 2}, empty = {}})
    out.json = doc
    local back = json.decode(doc)
    out.json_n = back.n
    local _, jerr = json.encode({1, nil, 3})
    out.json_err = jerr and jerr:kind()

    local t0 = time.now()
    time.sleep("90m")
    local t1 = time.now()
    out.elapsed = tostring(t1:sub(t0))
    out.elapsed_minutes = t1:sub(t0):minutes()
    out.later = t0:add("24h"):after(t0)
    out.date = t0:format(time.DATE_ONLY) ~= ""

    -- a timer that loses a select, and one stopped before it fires
    local fast = time.after("1s")
    local slow = time.timer("10m")
    local r = channel.select{slow:channel():case_receive(), fast:case_receive()}
    out.fast_won = r.channel == fast
    out.stopped = slow:stop()

    local e = errors.new({message = "out of stock", kind = errors.CONFLICT, retryable = false})
    local w = errors.wrap(e, "reserve")
    out.wrapped = tostring(w)
    out.is_conflict = errors.is(w, errors.CONFLICT)
    out.concat = "error: " .. e

    -- replay-sensitive: random values drive the number of activity calls
    local n = string.byte(key, 1) % 3 + string.byte(id4, 1) % 2 + 1
    for i = 1, n do funcs.call("app:echo", i) end
    out.calls = n
    return out
end

return { main = main }
