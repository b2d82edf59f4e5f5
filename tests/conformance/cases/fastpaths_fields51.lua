-- lua: 5.1
-- case: field_update_errors
local o = {s = "x", t = {}}
print(pcall(function() o.missing = o.missing + 1 end))
print(pcall(function() o.s = o.s + 1 end))
print(pcall(function() local k = nil; o.n = 1; o.n = o.n + k end))
print(pcall(function() local q = nil; q.x = q.x + 1 end))
-- case: constant_operand_errors
print(pcall(function() local z = {}; return z + 1 end))
print(pcall(function() local z; return 2 * z end))
print(pcall(function() local z = "x"; return 1 - z end))
