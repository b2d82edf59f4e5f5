-- (d) Data shaping between two activities: load 5,000 rows, group them by region and
-- category, sort groups and rows, format a report line per row, save the report.
local funcs = require("funcs")

local function main(input)
    local rows, err = funcs.call("bench:load_rows", {count = input.rows or 5000, seed = input.seed or 7})
    if err then
        return nil, err
    end

    local groups = {}
    local list = {}
    for _, r in ipairs(rows) do
        local key = r.region .. "/" .. r.category
        local g = groups[key]
        if not g then
            g = {key = key, region = r.region, category = r.category, total = 0, qty = 0, rows = {}}
            groups[key] = g
            list[#list + 1] = g
        end
        local amount = r.price * r.qty
        g.total = g.total + amount
        g.qty = g.qty + r.qty
        g.rows[#g.rows + 1] = {id = r.id, sku = r.sku, qty = r.qty, price = r.price, amount = amount}
    end

    table.sort(list, function(a, b)
        if a.total ~= b.total then
            return a.total > b.total
        end
        return a.key < b.key
    end)

    local lines = {}
    local summary = {}
    for i, g in ipairs(list) do
        local rs = g.rows
        table.sort(rs, function(a, b)
            if a.amount ~= b.amount then
                return a.amount > b.amount
            end
            return a.id < b.id
        end)
        lines[#lines + 1] = string.format("== %s / %s: %d rows, %d units, total %.2f",
            string.upper(g.region), g.category, #rs, g.qty, g.total)
        for j, r in ipairs(rs) do
            lines[#lines + 1] = string.format("%3d. #%-6d %-14s %4d x %8.2f = %10.2f",
                j, r.id, string.lower(r.sku), r.qty, r.price, r.amount)
        end
        summary[i] = {
            key = g.key,
            rows = #rs,
            qty = g.qty,
            total = string.format("%.2f", g.total),
            top = rs[1].id
        }
    end

    local report = table.concat(lines, "\n")
    local saved, err = funcs.call("bench:save_report", {
        groups = summary,
        lines = #lines,
        report = report
    })
    if err then
        return nil, err
    end
    return {groups = #list, lines = #lines, size = #report, saved = saved.id}
end

return { main = main }
