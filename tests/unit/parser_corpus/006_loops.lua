local t = {}
for i = 1, 10 do t[i] = i * i end
for i = 10, 1, -2 do io.write(t[i], " ") end
for i = 0.5, 2.5, 0.5 do io.write(i, ";") end

local i = 1
while i <= #t do
  if t[i] % 2 == 0 then
    i = i + 1
  else
    i = i + 2
  end
end

local n = 0
repeat
  n = n + 1
  local done = n >= 5
until done

for k, v in pairs({ a = 1, b = 2 }) do
  print(k, v)
end

for idx, value in ipairs({ "x", "y", "z" }) do
  if value == "y" then break end
  print(idx, value)
end
