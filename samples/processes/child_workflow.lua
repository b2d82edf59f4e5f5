local function main(input)
    return {received = input and input.message, parent_sent = input ~= nil}
end

return { main = main }
