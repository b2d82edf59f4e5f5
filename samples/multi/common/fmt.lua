-- Formatting helpers, imported by the util library.
local fmt = {}

function fmt.money(cents)
    local sign = ""
    if cents < 0 then
        sign = "-"
        cents = -cents
    end
    return string.format("%s%d.%02d", sign, cents // 100, cents % 100)
end

function fmt.pad(s, width)
    s = tostring(s)
    if #s >= width then
        return s
    end
    return s .. string.rep(" ", width - #s)
end

return fmt
