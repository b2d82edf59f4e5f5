-- lua: golua
-- case: main golua: baselib.go baseError (CheckAny)
-- (was a real-Lua case of cases/errors_pcall.lua)
print(pcall(error, "msg"))
print(pcall(error, "msg", 0))
local okt, et = pcall(error, {code = 1}); print(okt, type(et), et.code)
print(select(2, pcall(error)))
local function lvl2() error("deep", 2) end
local ok, e = pcall(function() lvl2() end)
print(ok, e)
print(pcall(function() local t = nil; return t.x end))
print(pcall(function() return undefined_fn() end))
print(pcall(function() local s = "x"; return s + 1 end))
print(pcall(function() return 1 < "2" end))
print(pcall(function() return {} .. "" end))
print(xpcall(function() error("E") end, function(m) return "handled: " .. m end))
print(pcall(assert, false, "boom"), pcall(assert, nil))
print(pcall(assert, 1, 2))
--> false\tmsg
--> false\tmsg
--> false\ttable\t1
--> bad argument #1 to error (value expected)
--> false\tinput:9: deep
--> false\tinput:11: attempt to index local 't' (a nil value)
--> false\tinput:12: attempt to call global 'undefined_fn' (a nil value)
--> false\tinput:13: attempt to perform arithmetic on local 's' (a string value)
--> false\tinput:14: attempt to compare number with string
--> false\tinput:15: attempt to concatenate a table value
--> false\thandled: input:16: E
--> false\tfalse\tassertion failed!
--> true\t1\t2
