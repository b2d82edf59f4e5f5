-- lua: 5.3
-- case: continue_numeric
local out = {}
for i = 1, 6 do
  if i % 2 == 0 then goto continue end
  out[#out + 1] = i
  ::continue::
end
print(table.concat(out, ","))
-- case: continue_while
local i, out = 0, {}
while i < 6 do
  i = i + 1
  if i == 3 then goto continue end
  out[#out + 1] = i
  ::continue::
end
print(table.concat(out, ","))
-- case: continue_repeat
local i, out = 0, {}
repeat
  i = i + 1
  if i == 2 then goto continue end
  out[#out + 1] = i
  ::continue::
until i >= 4
print(table.concat(out, ","))
-- case: continue_from_nested_loop
local out = {}
for i = 1, 3 do
  for j = 1, 3 do
    if j == 2 and i == 2 then goto next_i end
    out[#out + 1] = i .. j
  end
  ::next_i::
end
print(table.concat(out, ","))
-- case: forward_skip
local x = 1
if x == 1 then goto skip end
print("not printed")
::skip::
print("after skip")
-- case: break_out_of_nested
local found
for i = 1, 5 do
  for j = 1, 5 do
    if i * j == 12 then found = i .. "x" .. j; goto done end
  end
end
::done::
print(found)
-- case: goto_in_do_block
do
  local n = 0
  for i = 1, 10 do
    n = n + i
    if n > 10 then goto out end
  end
  ::out::
  print(n)
end
-- case: multiple_labels
local log = {}
for i = 1, 4 do
  if i == 1 then goto a end
  if i == 2 then goto b end
  log[#log + 1] = "x" .. i
  goto continue
  ::a::
  log[#log + 1] = "a" .. i
  goto continue
  ::b::
  log[#log + 1] = "b" .. i
  ::continue::
end
print(table.concat(log, " "))
-- case: goto_in_function
local function classify(n)
  if n < 0 then goto negative end
  do return "non-negative" end
  ::negative::
  return "negative"
end
print(classify(5), classify(-5))
-- case: goto_continue_with_closure
local fns = {}
for i = 1, 4 do
  if i == 2 then goto continue end
  fns[#fns + 1] = function() return i end
  ::continue::
end
print(#fns, fns[1](), fns[2](), fns[3]())
-- case: goto_skips_with_break_inside
local out = {}
for i = 1, 5 do
  if i == 2 then goto skip end
  if i == 4 then break end
  out[#out + 1] = i
  ::skip::
end
print(table.concat(out, ","))
-- case: nested_continue_labels
local out = {}
for i = 1, 3 do
  for j = 1, 3 do
    if j == 2 then goto continue end
    out[#out + 1] = i * 10 + j
    ::continue::
  end
  if i == 2 then goto continue end
  out[#out + 1] = -i
  ::continue::
end
print(table.concat(out, ","))
