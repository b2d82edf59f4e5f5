local function deep_copy(v, seen)
  if type(v) ~= "table" then return v end
  seen = seen or {}
  if seen[v] then return seen[v] end
  local out = {}
  seen[v] = out
  for k, x in pairs(v) do out[deep_copy(k, seen)] = deep_copy(x, seen) end
  return setmetatable(out, getmetatable(v))
end

local function merge(base, override)
  local out = deep_copy(base)
  for k, v in pairs(override or {}) do
    if type(v) == "table" and type(out[k]) == "table" then
      out[k] = merge(out[k], v)
    else
      out[k] = deep_copy(v)
    end
  end
  return out
end

local defaults = { retries = 3, timeouts = { connect = "5s", read = "30s" }, tags = { "a" } }
local cfg = merge(defaults, { timeouts = { read = "60s" }, tags = { "b", "c" }, debug = true })
print(cfg.retries, cfg.timeouts.connect, cfg.timeouts.read, #cfg.tags, cfg.debug)
