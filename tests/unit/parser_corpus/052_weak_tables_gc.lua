local registry = setmetatable({}, { __mode = "v" })
local by_object = setmetatable({}, { __mode = "k" })
local both = setmetatable({}, { __mode = "kv" })

local function track(obj, name)
  registry[name] = obj
  by_object[obj] = name
  both[obj] = obj
end

local o = {}
track(o, "first")
o = nil
collectgarbage()
collectgarbage("collect")
local count = 0
for _ in pairs(registry) do count = count + 1 end
print(count, collectgarbage("count") > 0)
