local KEYWORDS = { ["if"] = true, ["then"] = true, ["else"] = true, ["end"] = true, ["let"] = true }

local function lex(src)
  local toks, i, n = {}, 1, #src
  local line = 1
  while i <= n do
    local c = src:sub(i, i)
    if c == "\n" then
      line = line + 1
      i = i + 1
    elseif c:find("^%s") then
      i = i + 1
    elseif c:find("^[%a_]") then
      local word = src:match("^[%w_]+", i)
      toks[#toks + 1] = { kind = KEYWORDS[word] and "kw" or "ident", text = word, line = line }
      i = i + #word
    elseif c:find("^%d") then
      local num = src:match("^%d+%.?%d*", i)
      toks[#toks + 1] = { kind = "num", value = tonumber(num), line = line }
      i = i + #num
    elseif c == '"' then
      local j = src:find('"', i + 1, true) or error("unterminated string at line " .. line)
      toks[#toks + 1] = { kind = "str", text = src:sub(i + 1, j - 1), line = line }
      i = j + 1
    else
      local two = src:sub(i, i + 1)
      if two == "==" or two == "<=" or two == ">=" or two == "~=" then
        toks[#toks + 1] = { kind = "op", text = two, line = line }
        i = i + 2
      else
        toks[#toks + 1] = { kind = "op", text = c, line = line }
        i = i + 1
      end
    end
  end
  return toks
end

return lex('let x = 10\nif x >= 5 then print("big") end')
