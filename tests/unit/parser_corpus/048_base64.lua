local chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"

local function encode(data)
  local out = {}
  for i = 1, #data, 3 do
    local a, b, c = data:byte(i, i + 2)
    local n = (a << 16) | ((b or 0) << 8) | (c or 0)
    local c1 = (n >> 18) & 63
    local c2 = (n >> 12) & 63
    local c3 = (n >> 6) & 63
    local c4 = n & 63
    out[#out + 1] = chars:sub(c1 + 1, c1 + 1) .. chars:sub(c2 + 1, c2 + 1)
      .. (b and chars:sub(c3 + 1, c3 + 1) or "=")
      .. (c and chars:sub(c4 + 1, c4 + 1) or "=")
  end
  return table.concat(out)
end

local lookup = {}
for i = 1, #chars do lookup[chars:sub(i, i)] = i - 1 end

local function decode(s)
  s = s:gsub("[^%w%+/=]", "")
  local out = {}
  for i = 1, #s, 4 do
    local n, pad = 0, 0
    for j = 0, 3 do
      local ch = s:sub(i + j, i + j)
      if ch == "=" then pad = pad + 1; n = n << 6 else n = (n << 6) | lookup[ch] end
    end
    out[#out + 1] = string.char((n >> 16) & 255)
    if pad < 2 then out[#out + 1] = string.char((n >> 8) & 255) end
    if pad < 1 then out[#out + 1] = string.char(n & 255) end
  end
  return table.concat(out)
end

assert(decode(encode("hello, world")) == "hello, world")
return { encode = encode, decode = decode }
