-- lua: 5.1
-- case: order_total
local order = {items = {{price = 10, qty = 2}, {price = 5, qty = 3}}, discount = 0.1}
local total = 0
for _, it in ipairs(order.items) do total = total + it.price * it.qty end
print(total, total * (1 - order.discount))
-- case: word_count
local text = "the cat and the hat and the bat"
local counts, order = {}, {}
for w in text:gmatch("%a+") do
  if not counts[w] then order[#order + 1] = w end
  counts[w] = (counts[w] or 0) + 1
end
for _, w in ipairs(order) do print(w, counts[w]) end
-- case: stack_class
local Stack = {}
Stack.__index = Stack
function Stack.new() return setmetatable({items = {}, n = 0}, Stack) end
function Stack:push(v) self.n = self.n + 1; self.items[self.n] = v end
function Stack:pop() local v = self.items[self.n]; self.items[self.n] = nil; self.n = self.n - 1; return v end
local s = Stack.new()
for i = 1, 5 do s:push(i * i) end
print(s:pop(), s:pop(), s.n)
-- case: queue_two_index
local q = {first = 1, last = 0, items = {}}
local function push(v) q.last = q.last + 1; q.items[q.last] = v end
local function pop() local v = q.items[q.first]; q.items[q.first] = nil; q.first = q.first + 1; return v end
push("a"); push("b"); push("c")
print(pop(), pop(), q.last - q.first + 1)
-- case: memo_fib
local memo = {}
local function fib(n)
  if n <= 2 then return 1 end
  if memo[n] then return memo[n] end
  local v = fib(n - 1) + fib(n - 2)
  memo[n] = v
  return v
end
print(fib(50), fib(60))
-- case: json_like_encode
local function encode(v)
  local t = type(v)
  if t == "table" then
    if #v > 0 then
      local parts = {}
      for i, x in ipairs(v) do parts[i] = encode(x) end
      return "[" .. table.concat(parts, ",") .. "]"
    end
    local keys = {}
    for k in pairs(v) do keys[#keys + 1] = k end
    table.sort(keys)
    local parts = {}
    for _, k in ipairs(keys) do parts[#parts + 1] = string.format("%q:%s", k, encode(v[k])) end
    return "{" .. table.concat(parts, ",") .. "}"
  elseif t == "string" then return string.format("%q", v)
  else return tostring(v) end
end
print(encode({a = 1, b = {1, 2, "x"}, c = {d = true}}))
-- case: bubble_sort
local a = {5, 3, 8, 1, 9, 2}
for i = #a, 2, -1 do
  for j = 1, i - 1 do
    if a[j] > a[j + 1] then a[j], a[j + 1] = a[j + 1], a[j] end
  end
end
print(table.concat(a, " "))
-- case: binary_search
local arr = {}
for i = 1, 100 do arr[i] = i * 3 end
local function bsearch(t, x)
  local lo, hi = 1, #t
  while lo <= hi do
    local mid = math.floor((lo + hi) / 2)
    if t[mid] == x then return mid elseif t[mid] < x then lo = mid + 1 else hi = mid - 1 end
  end
  return nil
end
print(bsearch(arr, 150), bsearch(arr, 151), bsearch(arr, 3), bsearch(arr, 300))
-- case: string_builder_korean
local names = {"김철수", "이영희", "박민수"}
local out = {}
for i, n in ipairs(names) do out[#out + 1] = i .. ". " .. n .. " (" .. #n .. " bytes)" end
print(table.concat(out, "; "))
-- case: csv_parse
local csv = "name,age\nalice,30\nbob,25"
local rows = {}
for line in csv:gmatch("[^\n]+") do
  local row = {}
  for field in line:gmatch("[^,]+") do row[#row + 1] = field end
  rows[#rows + 1] = row
end
print(#rows, rows[2][1], rows[3][2] + 0)
-- case: saga_compensation
local log = {}
local function step(name, fail)
  if fail then error(name .. " failed", 0) end
  log[#log + 1] = name
  return function() log[#log + 1] = "undo " .. name end
end
local comps = {}
local ok, err = pcall(function()
  comps[#comps + 1] = step("charge")
  comps[#comps + 1] = step("reserve")
  comps[#comps + 1] = step("ship", true)
end)
if not ok then for i = #comps, 1, -1 do comps[i]() end end
print(ok, err, table.concat(log, ","))
-- case: state_machine
local transitions = {idle = {start = "running"}, running = {pause = "paused", stop = "idle"}, paused = {resume = "running"}}
local state = "idle"
for _, ev in ipairs({"start", "pause", "resume", "stop", "bogus"}) do
  local nxt = transitions[state][ev]
  if nxt then state = nxt end
  print(ev, state)
end
-- case: closures_counter_table
local function make()
  local count = 0
  return {inc = function() count = count + 1 return count end, get = function() return count end}
end
local c = make()
c.inc(); c.inc()
print(c.get(), make().get())
-- case: varargs_sum_avg
local function stats(...)
  local n = select("#", ...)
  local s = 0
  for i = 1, n do s = s + select(i, ...) end
  return s, s / n
end
print(stats(1, 2, 3, 4))
-- case: string_padding
local function pad(s, n) return s .. string.rep(" ", n - #s) .. "|" end
print(pad("ab", 5), pad("abcde", 5), pad("", 2))
-- case: nested_pcall_error_levels
local function validate(x) if type(x) ~= "number" then error("not a number: " .. tostring(x), 2) end return x end
local function process(v) return validate(v) * 2 end
print(pcall(process, 21))
print(pcall(process, "x"))
-- case: gsub_template
local tpl = "Hello ${name}, you owe ${amount}"
local vars = {name = "Kim", amount = 42}
print((tpl:gsub("%${(%w+)}", function(k) return tostring(vars[k]) end)))
-- case: reverse_words
local s = "one two three four"
local words = {}
for w in s:gmatch("%S+") do table.insert(words, 1, w) end
print(table.concat(words, " "))
-- case: matrix_multiply
local function mul(a, b)
  local r = {}
  for i = 1, #a do
    r[i] = {}
    for j = 1, #b[1] do
      local s = 0
      for k = 1, #b do s = s + a[i][k] * b[k][j] end
      r[i][j] = s
    end
  end
  return r
end
local m = mul({{1, 2}, {3, 4}}, {{5, 6}, {7, 8}})
print(m[1][1], m[1][2], m[2][1], m[2][2])
-- case: gcd_lcm
local function gcd(a, b) while b ~= 0 do a, b = b, a % b end return a end
print(gcd(48, 18), gcd(17, 5), 48 * 18 / gcd(48, 18))
-- case: prime_sieve
local n, is = 50, {}
for i = 2, n do is[i] = true end
for i = 2, n do if is[i] then for j = i * i, n, i do is[j] = false end end end
local ps = {}
for i = 2, n do if is[i] then ps[#ps + 1] = i end end
print(#ps, table.concat(ps, ","))
-- case: deep_copy
local function copy(t)
  if type(t) ~= "table" then return t end
  local r = {}
  for k, v in pairs(t) do r[k] = copy(v) end
  return r
end
local a = {x = {y = {1, 2}}, n = 5}
local b = copy(a)
b.x.y[1] = 99
print(a.x.y[1], b.x.y[1], b.n)
-- case: inheritance_chain_super
local Base = {}
Base.__index = Base
function Base.new(x) local o = setmetatable({}, Base); o.x = x; return o end
function Base:value() return self.x end
local Derived = setmetatable({}, {__index = Base})
Derived.__index = Derived
function Derived.new(x, y) local o = Base.new(x); setmetatable(o, Derived); o.y = y; return o end
function Derived:value() return Base.value(self) + self.y end
print(Derived.new(3, 4):value(), Base.new(3):value())
-- case: error_object_fields
local function fail() error({kind = "NotFound", message = "missing"}) end
local ok, e = pcall(fail)
print(ok, e.kind, e.message)
-- case: korean_reverse_bytes
local s = "가나"
print(#s, s:byte(1), s:byte(-1), s:sub(4))
