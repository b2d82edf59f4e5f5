local Tree = {}
Tree.__index = Tree

local function node(k, v) return { key = k, value = v, left = nil, right = nil } end

function Tree.new() return setmetatable({ root = nil, size = 0 }, Tree) end

function Tree:insert(k, v)
  if not self.root then
    self.root = node(k, v); self.size = 1; return
  end
  local cur = self.root
  while true do
    if k < cur.key then
      if cur.left then cur = cur.left else cur.left = node(k, v); break end
    elseif k > cur.key then
      if cur.right then cur = cur.right else cur.right = node(k, v); break end
    else
      cur.value = v; return
    end
  end
  self.size = self.size + 1
end

function Tree:walk(fn)
  local function visit(n)
    if n == nil then return end
    visit(n.left); fn(n.key, n.value); visit(n.right)
  end
  visit(self.root)
end

local t = Tree.new()
for _, k in ipairs({ 5, 3, 8, 1, 4, 9 }) do t:insert(k, k * k) end
t:walk(function(k, v) io.write(k, "=", v, " ") end)
