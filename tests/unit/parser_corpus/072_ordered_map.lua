local OrderedMap = {}
OrderedMap.__index = function(self, k)
  local method = OrderedMap[k]
  if method then return method end
  return rawget(self, "_values")[k]
end
OrderedMap.__newindex = function(self, k, v)
  local values, keys = rawget(self, "_values"), rawget(self, "_keys")
  if values[k] == nil and v ~= nil then keys[#keys + 1] = k end
  if v == nil then
    for i, key in ipairs(keys) do if key == k then table.remove(keys, i) break end end
  end
  values[k] = v
end

function OrderedMap.new() return setmetatable({ _values = {}, _keys = {} }, OrderedMap) end
function OrderedMap:pairs()
  local keys, values, i = rawget(self, "_keys"), rawget(self, "_values"), 0
  return function()
    i = i + 1
    local k = keys[i]
    if k ~= nil then return k, values[k] end
  end
end

local m = OrderedMap.new()
m.zeta, m.alpha, m.mid = 1, 2, 3
m.alpha = nil
m.beta = 4
for k, v in m:pairs() do io.write(k, "=", v, " ") end
