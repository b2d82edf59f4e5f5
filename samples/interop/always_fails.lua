-- A function that always fails with a Lua runtime error (kind Internal, retryable): how many
-- attempts it gets is its caller's retry policy, or its entry's meta.options.
local function main(n)
    error("attempt failed")
end

return main
