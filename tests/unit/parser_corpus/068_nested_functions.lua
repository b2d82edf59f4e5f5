local function outer(a)
  local function middle(b)
    local function inner(c)
      return function(d)
        return function(e)
          return a + b + c + d + e
        end
      end
    end
    return inner(b * 2)
  end
  return middle(a + 1)
end

print(outer(1)(2)(3))

local counter = (function()
  local n = 0
  return function() n = n + 1; return n end
end)()
counter(); counter()
print(counter())
