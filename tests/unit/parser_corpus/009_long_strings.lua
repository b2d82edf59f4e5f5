local sql = [[SELECT id, name FROM users WHERE active = 1]]
local nested = [==[ contains ]] and ]=] inside ]==]
local tmpl = [=[<div class="x">[[not the end]]</div>]=]
--[[ a long
comment ]]
--[==[ another long comment with ]] inside ]==]
local level3 = [===[]===]
print(sql, nested, tmpl, level3)
