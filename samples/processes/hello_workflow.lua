local function main(input)
    return {greeting = "hello " .. ((input and input.name) or "nobody")}
end

return { main = main }
