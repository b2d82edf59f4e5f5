-- Library globals: calls are static; a dynamic use reads the table through _ex.lib (built on
-- first use); other globals through the globals dict.
local s = string.format("%d", 1)
local lib = string
local pick = math[s == "1" and "floor" or "ceil"]
counter = counter or "c"
os = os or {}
return lib.upper(s), pick(1.5), counter, os
