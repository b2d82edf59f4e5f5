local M = {}
M.sub = {}
M.sub.deeper = {}

function M.a() return "a" end
function M.sub.b() return "b" end
function M.sub.deeper.c(x, y, ...) return x, y, ... end
function M.sub.deeper:d(...) return self, ... end
function M:e() return self == M end

local function local_fn(a, b) return a * b end
local f1 = function() end
local f2 = function(...) return select("#", ...) end
local f3 = function(a, ...) return a, ... end
local t = { function() return 1 end, key = function(self) return self end }
print(M.a(), M.sub.b(), M.sub.deeper.c(1, 2, 3), M.sub.deeper:d(4), M:e(), local_fn(2, 3))
return f1, f2, f3, t
