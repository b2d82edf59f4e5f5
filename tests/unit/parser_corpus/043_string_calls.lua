local function tag(name)
  return function(attrs)
    local parts = {}
    for k, v in pairs(attrs) do parts[#parts + 1] = k .. '="' .. tostring(v) .. '"' end
    table.sort(parts)
    return "<" .. name .. " " .. table.concat(parts, " ") .. "/>"
  end
end

print(tag "img" { src = "a.png", alt = "A" })
print(tag"br"{})
local require_stub = function(name) return { name = name } end
local json = require_stub "json"
local yaml = require_stub [[yaml]]
local r = ("x"):rep(3)
local s = string.format [[%d items]]
print(json.name, yaml.name, r, s)
