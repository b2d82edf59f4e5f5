local graph = {
  a = { "b", "c" },
  b = { "d" },
  c = { "d", "e" },
  d = { "f" },
  e = { "f" },
  f = {},
}

local function bfs(g, start, goal)
  local queue, head = { start }, 1
  local parent = { [start] = false }
  while head <= #queue do
    local node = queue[head]
    head = head + 1
    if node == goal then
      local path = {}
      while node do
        table.insert(path, 1, node)
        node = parent[node]
      end
      return path
    end
    for _, nb in ipairs(g[node] or {}) do
      if parent[nb] == nil then
        parent[nb] = node
        queue[#queue + 1] = nb
      end
    end
  end
end

local function topo(g)
  local visited, order = {}, {}
  local function visit(n)
    if visited[n] == "temp" then error("cycle at " .. n) end
    if visited[n] then return end
    visited[n] = "temp"
    for _, m in ipairs(g[n]) do visit(m) end
    visited[n] = true
    table.insert(order, 1, n)
  end
  local keys = {}
  for k in pairs(g) do keys[#keys + 1] = k end
  table.sort(keys)
  for _, k in ipairs(keys) do visit(k) end
  return order
end

print(table.concat(bfs(graph, "a", "f"), "->"), table.concat(topo(graph), " "))
