do end
do do end end
while false do end
repeat until true
if true then end
if false then else end
for _ = 1, 0 do end
for _ in pairs({}) do end
local function noop() end
noop()
return
