local function lcs_table(a, b)
  local m, n = #a, #b
  local t = {}
  for i = 0, m do
    t[i] = {}
    for j = 0, n do t[i][j] = 0 end
  end
  for i = 1, m do
    for j = 1, n do
      if a[i] == b[j] then t[i][j] = t[i - 1][j - 1] + 1
      else t[i][j] = math.max(t[i - 1][j], t[i][j - 1]) end
    end
  end
  return t
end

local function diff(a, b)
  local t = lcs_table(a, b)
  local out, i, j = {}, #a, #b
  while i > 0 or j > 0 do
    if i > 0 and j > 0 and a[i] == b[j] then
      table.insert(out, 1, "  " .. a[i]); i, j = i - 1, j - 1
    elseif j > 0 and (i == 0 or t[i][j - 1] >= t[i - 1][j]) then
      table.insert(out, 1, "+ " .. b[j]); j = j - 1
    else
      table.insert(out, 1, "- " .. a[i]); i = i - 1
    end
  end
  return out
end

print(table.concat(diff({ "a", "b", "c", "d" }, { "a", "c", "d", "e" }), "\n"))
