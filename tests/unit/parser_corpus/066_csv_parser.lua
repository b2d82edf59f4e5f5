local function parse_csv_line(line, sep)
  sep = sep or ","
  local fields, pos = {}, 1
  while true do
    local c = line:sub(pos, pos)
    if c == '"' then
      local value, i = "", pos + 1
      while true do
        local a, b = line:find('"', i, true)
        if not a then error("unterminated quote") end
        value = value .. line:sub(i, a - 1)
        if line:sub(b + 1, b + 1) == '"' then
          value = value .. '"'
          i = b + 2
        else
          pos = b + 1
          break
        end
      end
      fields[#fields + 1] = value
    else
      local a = line:find(sep, pos, true)
      fields[#fields + 1] = line:sub(pos, (a or 0) - 1)
      pos = a or #line + 1
    end
    if line:sub(pos, pos) ~= sep then break end
    pos = pos + 1
  end
  return fields
end

local rows = {}
for line in ("name,qty\n\"Widget, large\",3\n\"Quote \"\"q\"\"\",5"):gmatch("[^\n]+") do
  rows[#rows + 1] = parse_csv_line(line)
end
return rows
