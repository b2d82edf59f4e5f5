-- lua: 5.1
local function counter()
  local n = 0
  return function() n = n + 1; return n end
end
local c1, c2 = counter(), counter()
print(c1(), c1(), c2())
local fns = {}
for i = 1, 3 do fns[i] = function() return i end end
print(fns[1](), fns[2](), fns[3]())
local acc = {}
for _, name in ipairs({"x", "y"}) do
  local v = name
  acc[#acc + 1] = function() v = v .. "!"; return v end
end
print(acc[1](), acc[1](), acc[2]())
local function va(...)
  local a, b = ...
  return select('#', ...), a, b, ...
end
print(va(1, nil, 3))
print((va(1, 2)))
local function multi() return 1, 2, 3 end
local t = {multi(), multi()}
print(#t, multi(), (multi()))
local x, y, z, w = multi()
print(x, y, z, w)
