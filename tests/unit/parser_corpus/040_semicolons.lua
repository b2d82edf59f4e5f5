local a = 1; local b = 2;
;
print(a); print(b);;
do ; end
if a then ; end
for i = 1, 2 do ; ; end
local function f() return; end
local function g() return 1, 2; end
return f(), g();
