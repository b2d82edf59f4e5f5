local function make_pair()
  local value = 0
  local function get() return value end
  local function set(v) value = v end
  return get, set
end

local get, set = make_pair()
set(42)
print(get())

local fns = {}
local i = 1
while i <= 3 do
  local j = i
  fns[i] = function() return i, j end
  i = i + 1
end
print(fns[1](), fns[3]())

local shared = {}
for n = 1, 3 do
  shared[n] = function(delta) n = n + delta; return n end
end
print(shared[1](10), shared[1](10), shared[2](0))
