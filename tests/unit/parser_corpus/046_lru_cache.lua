local LRU = {}
LRU.__index = LRU

function LRU.new(capacity)
  local sentinel = {}
  sentinel.prev, sentinel.next = sentinel, sentinel
  return setmetatable({ cap = capacity, map = {}, list = sentinel, size = 0 }, LRU)
end

local function unlink(n) n.prev.next, n.next.prev = n.next, n.prev end
local function push_front(list, n)
  n.next, n.prev = list.next, list
  list.next.prev = n
  list.next = n
end

function LRU:get(k)
  local n = self.map[k]
  if not n then return nil end
  unlink(n); push_front(self.list, n)
  return n.value
end

function LRU:set(k, v)
  local n = self.map[k]
  if n then
    n.value = v
    unlink(n); push_front(self.list, n)
    return
  end
  if self.size >= self.cap then
    local last = self.list.prev
    unlink(last)
    self.map[last.key] = nil
    self.size = self.size - 1
  end
  n = { key = k, value = v }
  push_front(self.list, n)
  self.map[k] = n
  self.size = self.size + 1
end

return LRU
