local time = require("time")

local function with_retry(fn, opts)
  opts = opts or {}
  local attempts = opts.attempts or 5
  local delay = opts.initial_delay or 100
  local max_delay = opts.max_delay or 10000
  local last_err
  for attempt = 1, attempts do
    local ok, result = pcall(fn, attempt)
    if ok then return result end
    last_err = result
    if attempt < attempts then
      time.sleep(tostring(delay) .. "ms")
      delay = math.min(delay * 2, max_delay)
    end
  end
  error({ message = "all retries failed", cause = last_err }, 2)
end

return with_retry
