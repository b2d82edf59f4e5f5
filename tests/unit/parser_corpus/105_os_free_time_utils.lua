local function parse_duration(s)
  local total, matched = 0, false
  for num, unit in s:gmatch("(%d+%.?%d*)(%a+)") do
    matched = true
    local n = tonumber(num)
    if unit == "ms" then total = total + n / 1000
    elseif unit == "s" then total = total + n
    elseif unit == "m" then total = total + n * 60
    elseif unit == "h" then total = total + n * 3600
    elseif unit == "d" then total = total + n * 86400
    else return nil, "unknown unit '" .. unit .. "'" end
  end
  if not matched then return nil, "empty duration" end
  return total
end

local function format_duration(secs)
  local parts = {}
  for _, u in ipairs({ { "d", 86400 }, { "h", 3600 }, { "m", 60 }, { "s", 1 } }) do
    local n = secs // u[2]
    if n > 0 then
      parts[#parts + 1] = ("%d%s"):format(n, u[1])
      secs = secs - n * u[2]
    end
  end
  return #parts > 0 and table.concat(parts) or "0s"
end

print(parse_duration("1h30m"), parse_duration("250ms"), parse_duration("2w"), format_duration(93784))
