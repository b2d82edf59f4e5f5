local records = {
  { id = 1, region = "eu", amount = 120.5, status = "paid" },
  { id = 2, region = "us", amount = 80, status = "pending" },
  { id = 3, region = "eu", amount = 42, status = "paid" },
  { id = 4, region = "apac", amount = 300, status = "refunded" },
  { id = 5, region = "us", amount = 19.99, status = "paid" },
}

local function group_by(rows, key)
  local groups, order = {}, {}
  for _, r in ipairs(rows) do
    local k = r[key]
    if not groups[k] then groups[k] = {}; order[#order + 1] = k end
    table.insert(groups[k], r)
  end
  return groups, order
end

local function sum(rows, field)
  local s = 0
  for _, r in ipairs(rows) do s = s + r[field] end
  return s
end

local paid = {}
for _, r in ipairs(records) do if r.status == "paid" then paid[#paid + 1] = r end end
local groups, order = group_by(paid, "region")
table.sort(order)
local report = {}
for _, region in ipairs(order) do
  report[#report + 1] = ("%s: %d orders, %.2f total"):format(region, #groups[region], sum(groups[region], "amount"))
end
print(table.concat(report, "\n"))
