local function main(input)
    if input and input.fail then
        return nil, errors.new({message = "child refused: " .. input.fail, kind = errors.NOT_FOUND,
                                retryable = false})
    end
    return {echo = input and input.message, doubled = (input and input.n or 0) * 2}
end

return { main = main }
