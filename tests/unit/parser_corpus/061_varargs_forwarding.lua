local function log(level, fmt, ...)
  local msg = select("#", ...) > 0 and fmt:format(...) or fmt
  return ("[%s] %s"):format(level:upper(), msg)
end

local function bind(fn, ...)
  local bound = { n = select("#", ...), ... }
  return function(...)
    local args = {}
    for i = 1, bound.n do args[i] = bound[i] end
    local extra = { n = select("#", ...), ... }
    for i = 1, extra.n do args[bound.n + i] = extra[i] end
    return fn(table.unpack(args, 1, bound.n + extra.n))
  end
end

local info = bind(log, "info")
print(info("%d of %d done", 3, 10), log("warn", "plain"))
