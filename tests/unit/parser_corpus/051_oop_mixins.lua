local function mixin(target, ...)
  for _, source in ipairs({ ... }) do
    for k, v in pairs(source) do
      if target[k] == nil then target[k] = v end
    end
  end
  return target
end

local Serializable = {
  serialize = function(self)
    local keys = {}
    for k in pairs(self) do keys[#keys + 1] = k end
    table.sort(keys)
    local parts = {}
    for _, k in ipairs(keys) do parts[#parts + 1] = k .. "=" .. tostring(self[k]) end
    return "{" .. table.concat(parts, ",") .. "}"
  end,
}

local Comparable = {
  compare = function(a, b)
    if a.id == b.id then return 0 end
    return a.id < b.id and -1 or 1
  end,
}

local User = mixin({}, Serializable, Comparable)
User.__index = User
function User.new(id, name) return setmetatable({ id = id, name = name }, User) end

local u1, u2 = User.new(1, "a"), User.new(2, "b")
print(u1:serialize(), u1:compare(u2), u2:compare(u1))
