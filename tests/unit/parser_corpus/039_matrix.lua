local function matrix(rows, cols, fill)
  local m = {}
  for i = 1, rows do
    m[i] = {}
    for j = 1, cols do m[i][j] = fill and fill(i, j) or 0 end
  end
  return m
end

local function mul(a, b)
  local n, m, p = #a, #b, #b[1]
  local out = matrix(n, p)
  for i = 1, n do
    for j = 1, p do
      local s = 0
      for k = 1, m do s = s + a[i][k] * b[k][j] end
      out[i][j] = s
    end
  end
  return out
end

local function transpose(a)
  return matrix(#a[1], #a, function(i, j) return a[j][i] end)
end

local id = matrix(3, 3, function(i, j) return i == j and 1 or 0 end)
local x = matrix(3, 2, function(i, j) return i * 10 + j end)
local y = mul(id, x)
print(y[2][1], transpose(y)[1][3])
