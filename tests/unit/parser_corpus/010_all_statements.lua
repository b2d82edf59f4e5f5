local a, b, c = 1, 2
a, b = b, a
local t = { x = {} }
t.x.y = 3
t["z"] = 4
do local scoped = a + b end
while a < 10 do a = a + 1 end
repeat b = b - 1 until b <= 0
if a > 5 then c = 1 elseif a > 3 then c = 2 else c = 3 end
for i = 1, 3 do c = c + i end
for k in pairs(t) do c = k end
function t.f(x) return x end
function t.x:g(y) return self.y + y end
local function h() end
local anon = function(...) return ... end
h();
;;
goto finish
::finish::
return c
