local Heap = {}
Heap.__index = Heap

function Heap.new(cmp)
  return setmetatable({ n = 0, cmp = cmp or function(a, b) return a < b end }, Heap)
end

function Heap:push(v)
  self.n = self.n + 1
  local i = self.n
  self[i] = v
  while i > 1 do
    local p = i // 2
    if self.cmp(self[i], self[p]) then
      self[i], self[p] = self[p], self[i]
      i = p
    else
      break
    end
  end
end

function Heap:pop()
  if self.n == 0 then return nil end
  local top = self[1]
  self[1] = self[self.n]
  self[self.n] = nil
  self.n = self.n - 1
  local i = 1
  while true do
    local l, r, best = 2 * i, 2 * i + 1, i
    if l <= self.n and self.cmp(self[l], self[best]) then best = l end
    if r <= self.n and self.cmp(self[r], self[best]) then best = r end
    if best == i then break end
    self[i], self[best] = self[best], self[i]
    i = best
  end
  return top
end

return Heap
