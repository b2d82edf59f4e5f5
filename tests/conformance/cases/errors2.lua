-- lua: 5.1
-- case: error_string_level1
print(pcall(function() error("boom") end))
-- case: error_level0
print(pcall(function() error("boom", 0) end))
-- case: error_level2
local function check(x) if not x then error("check failed", 2) end end
local function caller() check(false) end
print(pcall(caller))
-- case: error_level2_nested
local function v(x) if type(x) ~= "number" then error("expected number", 2) end return x end
local ok, e = pcall(function()
  local a = v(1)
  local b = v("x")
end)
print(ok, e)
-- case: error_table_value
local ok, e = pcall(function() error({code = 42, msg = "bad"}) end)
print(ok, type(e), e.code, e.msg)
-- case: error_boolean_value
print(pcall(function() error(false) end))
-- case: error_uncaught_line
local t = nil
local x = 1
print(t.field)
-- case: error_uncaught_call
local x = 1
undefined_function_here(x)
-- case: error_uncaught_custom
error("custom failure")
-- case: error_uncaught_table
error({}, 1)
-- case: pcall_returns_values
print(pcall(function() return 1, 2, 3 end))
print(pcall(function() end))
-- case: pcall_with_args
print(pcall(function(a, b) return a + b end, 3, 4))
print(pcall(math.max, 1, 5, 3))
-- case: pcall_non_function
print(pcall(42))
print(pcall(nil))
-- case: pcall_nested
print(pcall(function()
  local ok, e = pcall(error, "inner")
  error("outer:" .. tostring(e), 0)
end))
-- case: xpcall_handler
print(xpcall(function() error("E") end, function(m) return "handled: " .. m end))
print(xpcall(function() return "fine", 2 end, function(m) return "h" end))
-- case: xpcall_handler_gets_table
print(xpcall(function() error({x = 5}) end, function(e) return e.x * 2 end))
-- case: assert_variants
print(pcall(assert, false, "boom"))
print(pcall(assert, nil))
print(pcall(assert, 1, 2, 3))
print(pcall(function() assert(false, {1}) end))
print(select('#', assert(true, nil, nil)))
-- case: assert_message_no_position
local ok, e = pcall(function() assert(false, "no position added") end)
print(e)
local ok2, e2 = pcall(function() assert(1 == 2) end)
print(e2)
-- case: runtime_error_roles_local
print(pcall(function() local order; return order.total end))
print(pcall(function() local order = {}; return order.items.count end))
print(pcall(function() local order = {}; return order.total + 1 end))
print(pcall(function() local n; return n + 1 end))
print(pcall(function() local n; return 1 + n end))
print(pcall(function() local n; return -n end))
print(pcall(function() local n; return #n end))
-- case: runtime_error_roles_global
print(pcall(function() return missing_global.x end))
print(pcall(function() return missing_global + 1 end))
print(pcall(function() missing_global() end))
-- case: runtime_error_roles_field
print(pcall(function() local t = {}; return t.a.b end))
print(pcall(function() local t = {}; return t.total * 2 end))
print(pcall(function() local t = {}; t.fn() end))
print(pcall(function() local t = {}; return "x" .. t.name end))
-- case: runtime_error_roles_method
print(pcall(function() local obj = {}; obj:run() end))
print(pcall(function() local s = "str"; s:nosuch() end))
-- case: runtime_error_roles_upvalue
local cfg
print(pcall(function() return cfg.key end))
print(pcall(function() return cfg .. "x" end))
-- case: runtime_error_no_name
print(pcall(function() return ({}).a.b end))
print(pcall(function() local t = {{}}; return t[1].x.y end))
print(pcall(function() return (nil)() end))
-- case: runtime_error_concat_roles
print(pcall(function() local a = "x"; local b; return a .. b end))
print(pcall(function() local a; local b = "y"; return a .. b end))
print(pcall(function() local t = {}; return t .. "x" end))
-- case: compare_error_messages
print(pcall(function() return {} < 1 end))
print(pcall(function() return 1 < {} end))
print(pcall(function() return "a" < 1 end))
print(pcall(function() return {} < {} end))
print(pcall(function() return nil < 1 end))
print(pcall(function() return print < print end))
-- case: arith_on_string_error
print(pcall(function() local s = "abc"; return s * 2 end))
print(pcall(function() return "1" + "x" end))
-- case: error_in_metamethod
local t = setmetatable({}, {__index = function(t, k) error("no field " .. k) end})
print(pcall(function() return t.foo end))
-- case: error_rethrow
local ok, e = pcall(function()
  local ok2, e2 = pcall(error, "first")
  error(e2, 0)
end)
print(ok, e)
-- case: error_with_level_in_method
local Obj = {}
Obj.__index = Obj
function Obj:set(v) if v < 0 then error("negative", 2) end self.v = v end
local o = setmetatable({}, Obj)
print(pcall(function() o:set(-1) end))
-- case: tostring_error_values
print(pcall(error, setmetatable({}, {__tostring = function() return "E!" end})))
local ok, e = pcall(error, setmetatable({}, {__tostring = function() return "E!" end}))
print(tostring(e))
-- case: error_multiline_position
local function f()
  local a = 1
  local b = nil
  return a + b
end
print(pcall(f))
-- case: index_nil_in_loop
local list = {{name = "a"}, {}, {name = "c"}}
print(pcall(function()
  local out = {}
  for i, item in ipairs(list) do out[i] = item.name:upper() end
end))
-- case: error_in_coroutine_reported
local co = coroutine.create(function() local x; return x.y end)
print(coroutine.resume(co))
-- case: stack_overflow
local function inf(n) return inf(n + 1) + 1 end
local ok, e = pcall(inf, 1)
print(ok, string.find(e, "stack overflow") ~= nil)
