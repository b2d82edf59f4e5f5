local empty = {}
local array = { 1, 2, 3, }
local mixed = { "a", key = "v", [10] = "ten", "b"; ["with space"] = true, 3 }
local nested = { { 1, 2 }, { 3, { 4, { 5 } } } }
local funcs = { add = function(a, b) return a + b end, sub = function(a, b) return a - b end }
local computed = { [1 + 1] = "two", [("k"):rep(2)] = "kk", [true] = "yes" }
local trailing_semicolon = { x = 1; y = 2; }
local with_call = { unpack({ 1, 2, 3 }) }
local with_varargs = function(...) return { ..., n = select("#", ...) } end
return empty, array, mixed, nested, funcs, computed, trailing_semicolon, with_call, with_varargs
