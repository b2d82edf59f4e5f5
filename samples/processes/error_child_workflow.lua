local function main(input)
    return nil, errors.new({
        kind = errors.NOT_FOUND,
        message = "order not found",
        retryable = false,
    })
end

return { main = main }
