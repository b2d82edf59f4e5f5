local t = { a = { b = { c = { 1, 2, 3 } } }, ["key with spaces"] = 1, [1] = "one" }
local v1 = t.a.b.c[2]
local v2 = t["a"]["b"].c[#t.a.b.c]
local v3 = t["key with spaces"]
local k = "a"
local v4 = t[k].b
local v5 = (t).a
local v6 = ({ x = { y = 5 } }).x.y
local v7 = ("str"):len()
local v8 = t.a.b.c[t[1] and 1 or 2]
t.a.b.c[4] = 4
t[k].b.d = { [v1] = v2 }
t[#t + 1] = "two"
return v1, v2, v3, v4, v5, v6, v7, v8
