local function insertion_sort(a, lt)
  lt = lt or function(x, y) return x < y end
  for i = 2, #a do
    local v, j = a[i], i - 1
    while j >= 1 and lt(v, a[j]) do
      a[j + 1] = a[j]
      j = j - 1
    end
    a[j + 1] = v
  end
  return a
end

local function quicksort(a, lo, hi)
  lo, hi = lo or 1, hi or #a
  if lo >= hi then return a end
  local pivot, i = a[(lo + hi) // 2], lo
  local j = hi
  while i <= j do
    while a[i] < pivot do i = i + 1 end
    while a[j] > pivot do j = j - 1 end
    if i <= j then a[i], a[j] = a[j], a[i]; i, j = i + 1, j - 1 end
  end
  quicksort(a, lo, j)
  return quicksort(a, i, hi)
end

local function merge_sort(a)
  if #a <= 1 then return a end
  local mid = #a // 2
  local left, right = {}, {}
  for i = 1, mid do left[#left + 1] = a[i] end
  for i = mid + 1, #a do right[#right + 1] = a[i] end
  left, right = merge_sort(left), merge_sort(right)
  local out, i, j = {}, 1, 1
  while i <= #left and j <= #right do
    if left[i] <= right[j] then out[#out + 1] = left[i]; i = i + 1
    else out[#out + 1] = right[j]; j = j + 1 end
  end
  for k = i, #left do out[#out + 1] = left[k] end
  for k = j, #right do out[#out + 1] = right[k] end
  return out
end

print(table.concat(insertion_sort({ 5, 2, 9, 1 }), ","))
print(table.concat(quicksort({ 3, 1, 4, 1, 5, 9, 2, 6 }), ","))
print(table.concat(merge_sort({ 8, 7, 6, 5 }), ","))
table.sort({ 3, 2, 1 }, function(a, b) return a > b end)
