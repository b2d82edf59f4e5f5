local function escape_str(s)
  local map = { ['"'] = '\\"', ["\\"] = "\\\\", ["\n"] = "\\n", ["\t"] = "\\t" }
  return s:gsub('[%c"\\]', function(c) return map[c] or string.format("\\u%04x", c:byte()) end)
end

local encode

local function is_array(t)
  local n = 0
  for _ in pairs(t) do n = n + 1 end
  for i = 1, n do if t[i] == nil then return false end end
  return true
end

encode = function(v)
  local ty = type(v)
  if ty == "nil" then return "null"
  elseif ty == "boolean" then return v and "true" or "false"
  elseif ty == "number" then return tostring(v)
  elseif ty == "string" then return '"' .. escape_str(v) .. '"'
  elseif ty == "table" then
    local out = {}
    if is_array(v) then
      for _, item in ipairs(v) do out[#out + 1] = encode(item) end
      return "[" .. table.concat(out, ",") .. "]"
    end
    for k, item in pairs(v) do
      out[#out + 1] = encode(tostring(k)) .. ":" .. encode(item)
    end
    table.sort(out)
    return "{" .. table.concat(out, ",") .. "}"
  end
  error("cannot encode " .. ty)
end

return encode
