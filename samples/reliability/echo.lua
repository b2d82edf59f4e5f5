-- Returns what it was given, and what Lua sees of it.
local function main(v)
    local info = {type = type(v)}
    if type(v) == "string" then
        info.len = #v
    elseif type(v) == "number" then
        info.math_type = math.type(v)
        info.text = tostring(v)
    end
    return {value = v, info = info}
end

return main
