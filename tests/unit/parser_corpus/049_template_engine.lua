local function render(template, vars)
  return (template:gsub("{{%s*([%w_%.]+)%s*}}", function(path)
    local v = vars
    for part in path:gmatch("[^%.]+") do
      if type(v) ~= "table" then return "" end
      v = v[part]
    end
    return v == nil and "" or tostring(v)
  end))
end

local page = [[
<h1>{{ title }}</h1>
<p>Hello {{user.name}}, you have {{ user.unread }} messages.</p>
]]
print(render(page, { title = "Inbox", user = { name = "Ana", unread = 3 } }))
