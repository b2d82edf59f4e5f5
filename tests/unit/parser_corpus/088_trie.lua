local Trie = {}
Trie.__index = Trie

function Trie.new() return setmetatable({ root = { children = {}, terminal = false }, size = 0 }, Trie) end

function Trie:insert(word)
  local node = self.root
  for ch in word:gmatch(".") do
    local nxt = node.children[ch]
    if not nxt then
      nxt = { children = {}, terminal = false }
      node.children[ch] = nxt
    end
    node = nxt
  end
  if not node.terminal then
    node.terminal = true
    self.size = self.size + 1
  end
end

function Trie:with_prefix(prefix)
  local node = self.root
  for ch in prefix:gmatch(".") do
    node = node.children[ch]
    if not node then return {} end
  end
  local out = {}
  local function collect(n, acc)
    if n.terminal then out[#out + 1] = acc end
    local keys = {}
    for k in pairs(n.children) do keys[#keys + 1] = k end
    table.sort(keys)
    for _, k in ipairs(keys) do collect(n.children[k], acc .. k) end
  end
  collect(node, prefix)
  return out
end

local t = Trie.new()
for _, w in ipairs({ "car", "cart", "care", "cat", "dog" }) do t:insert(w) end
print(t.size, table.concat(t:with_prefix("car"), " "))
