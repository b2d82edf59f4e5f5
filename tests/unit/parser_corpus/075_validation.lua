local function validate(schema, value, path)
  path = path or "$"
  local kind = schema.type
  if value == nil then
    if schema.optional then return true end
    return false, path .. " is required"
  end
  if kind == "number" or kind == "string" or kind == "boolean" then
    if type(value) ~= kind then return false, ("%s: expected %s, got %s"):format(path, kind, type(value)) end
    if kind == "number" and schema.min and value < schema.min then return false, path .. " below minimum" end
    if kind == "string" and schema.pattern and not value:match(schema.pattern) then
      return false, path .. " does not match " .. schema.pattern
    end
    return true
  elseif kind == "array" then
    if type(value) ~= "table" then return false, path .. ": expected array" end
    for i, item in ipairs(value) do
      local ok, err = validate(schema.items, item, path .. "[" .. i .. "]")
      if not ok then return false, err end
    end
    return true
  elseif kind == "object" then
    if type(value) ~= "table" then return false, path .. ": expected object" end
    for key, sub in pairs(schema.fields) do
      local ok, err = validate(sub, value[key], path .. "." .. key)
      if not ok then return false, err end
    end
    return true
  end
  return false, "unknown schema type " .. tostring(kind)
end

local schema = {
  type = "object",
  fields = {
    email = { type = "string", pattern = "^[^@]+@[^@]+$" },
    age = { type = "number", min = 0, optional = true },
    tags = { type = "array", items = { type = "string" } },
  },
}
print(validate(schema, { email = "a@b.c", tags = { "x", 1 } }))
