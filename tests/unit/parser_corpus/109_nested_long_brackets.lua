local a = [[]]
local b = [=[]]]=]
local c = [==[a]=]b]]c]===]d]==]
local d = [[ [=[ not nested ]=] ]]
--[===[ --[[ ]] --[==[ ]==] ]===]
local e = "[[" .. "]]" .. '[=['
return a, b, c, d, e
