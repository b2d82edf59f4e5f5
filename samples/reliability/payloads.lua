-- Payload edge cases, chosen by input.case (tests/reliability/test_payloads.py).
local cases = {}

function cases.empty() return {} end

function cases.nested_empty()
    return {a = {}, b = {{}, {}}, c = {d = {}, e = {{}}}}
end

function cases.sparse()
    local t = {1, 2}
    t[5] = 5
    return t
end

function cases.mixed()
    return {1, 2, name = "x"}
end

function cases.nested_mixed()
    return {ok = {1, 2}, bad = {list = {10, 20, [7] = 70}}}
end

function cases.big(input)
    return {blob = string.rep("x", input.size)}
end

function cases.korean(input)
    local s = input.text
    return {
        text = s,
        upper = s .. "!",
        bytes = #s,
        first = s:sub(1, 3),
        rev_ok = s:reverse():reverse() == s,
        greeting = "안녕하세요, " .. s,
    }
end

function cases.bigint(input)
    return {
        n = 9007199254740993,          -- 2^53 + 1: not a float
        max = math.maxinteger,
        min = math.mininteger,
        echo = input.n,
        echo_type = math.type(input.n),
        plus_one = input.n + 1,
        float = 2^53,
    }
end

function cases.nan()
    local inf = 1 / 0
    return {nan = 0 / 0, inf = inf, ninf = -inf, list = {1, 0 / 0, 3}, half = 0.5}
end

function cases.nan_alone()
    return 0 / 0
end

local function main(input)
    return cases[input.case](input)
end

return {main = main}
