local List = {}
List.__index = List

function List.new() return setmetatable({ head = nil, tail = nil, size = 0 }, List) end

function List:append(v)
  local n = { value = v }
  if self.tail then self.tail.next = n; n.prev = self.tail else self.head = n end
  self.tail = n
  self.size = self.size + 1
  return n
end

function List:remove(n)
  if n.prev then n.prev.next = n.next else self.head = n.next end
  if n.next then n.next.prev = n.prev else self.tail = n.prev end
  n.prev, n.next = nil, nil
  self.size = self.size - 1
end

function List:iter()
  local cur = self.head
  return function()
    if cur == nil then return nil end
    local v = cur.value
    cur = cur.next
    return v
  end
end

local l = List.new()
local mid
for i = 1, 5 do
  local n = l:append(i)
  if i == 3 then mid = n end
end
l:remove(mid)
for v in l:iter() do io.write(v, " ") end
