-- lua: golua
-- case: error_number_value golua: baselib.go baseError, state.go Error (only strings get a position)
-- (was a real-Lua case of cases/errors2.lua)
local ok, e = pcall(function() error(42) end)
print(ok, e, type(e))
--> false\t42\tnumber
-- case: error_nil_value golua: baselib.go baseError (CheckAny)
-- (was a real-Lua case of cases/errors2.lua)
print(pcall(function() error() end))
print(pcall(function() error(nil) end))
--> false\tinput:9: bad argument #1 to error (value expected)
--> false\tnil
