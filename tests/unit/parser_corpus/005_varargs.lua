local function count(...)
  return select("#", ...)
end

local function sum(...)
  local total = 0
  for i = 1, select("#", ...) do
    local v = select(i, ...)
    total = total + (v or 0)
  end
  return total
end

local function pack(...)
  return { n = select("#", ...), ... }
end

local function first(...)
  return (...)
end

local function pass_through(...)
  return ...
end

local t = pack(1, nil, 3)
print(count(1, 2, 3), sum(1, 2, 3, 4), t.n, first(9, 8, 7), pass_through(1, 2))
print(unpack({ 1, 2, 3 }))
print(select(-1, "a", "b", "c"))
