local config = {
  server = {
    http = {
      listen = { host = "0.0.0.0", port = 8080 },
      routes = {
        { path = "/", handler = "index" },
        { path = "/api", children = { { path = "/users", methods = { "GET", "POST" } } } },
      },
    },
  },
}

local function get(t, ...)
  for _, k in ipairs({ ... }) do
    if type(t) ~= "table" then return nil end
    t = t[k]
  end
  return t
end

print(get(config, "server", "http", "listen", "port"))
print(get(config, "server", "http", "routes", 2, "children", 1, "methods", 2))
if config.server then
  if config.server.http then
    if config.server.http.routes then
      for _, r in ipairs(config.server.http.routes) do
        if r.children then
          for _, c in ipairs(r.children) do
            if c.methods then
              for _, m in ipairs(c.methods) do print(r.path .. c.path, m) end
            end
          end
        end
      end
    end
  end
end
