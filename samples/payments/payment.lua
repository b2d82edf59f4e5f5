-- payment.lua: Wippy's example activity (charge), plus the refund that compensates it.
-- PAYMENTS_URL and PAYMENTS_API_KEY come from the environment of the worker.
local http = require("http_client")
local json = require("json")
local env = require("env")
local ctx = require("ctx")
local errors = require("errors")

local function payment_error(status)
    if status == 408 then
        return errors.new({kind = errors.TIMEOUT, message = "payment provider timed out", retryable = true})
    elseif status == 429 then
        return errors.new({kind = errors.RATE_LIMITED, message = "payment provider rate limited the request", retryable = true})
    elseif status >= 500 then
        return errors.new({kind = errors.UNAVAILABLE, message = "payment provider is unavailable", retryable = true})
    end
    return errors.new({kind = errors.INVALID, message = "payment request was rejected", retryable = false})
end

local function post(path, payload)
    local base, url_err = env.get("PAYMENTS_URL")
    if url_err then return nil, url_err end
    local api_key, env_err = env.get("PAYMENTS_API_KEY")
    if env_err then return nil, env_err end

    local body, encode_err = json.encode(payload)
    if encode_err then
        return nil, encode_err
    end

    local headers = {
        ["Authorization"] = "Bearer " .. api_key,
        ["Content-Type"] = "application/json"
    }
    -- the caller's request id (ctx flows from the workflow) makes retries idempotent
    local request_id = ctx.get("request_id")
    if request_id then
        headers["Idempotency-Key"] = request_id .. path
    end

    local response, err = http.post(base .. path, {headers = headers, body = body, timeout = 1})
    if err then
        return nil, err
    end

    if response.status_code >= 400 then
        return nil, payment_error(response.status_code)
    end

    return json.decode(response.body)
end

local function charge(input)
    return post("/v1/charges", {
        amount = input.amount,
        currency = input.currency,
        payment_token = input.payment_token
    })
end

local function refund(charge_id)
    return post("/v1/refunds", {charge = charge_id})
end

return { charge = charge, refund = refund }
