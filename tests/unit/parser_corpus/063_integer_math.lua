local function gcd(a, b)
  while b ~= 0 do a, b = b, a % b end
  return math.abs(a)
end

local function lcm(a, b) return a // gcd(a, b) * b end

local function is_prime(n)
  if n < 2 then return false end
  if n % 2 == 0 then return n == 2 end
  local i = 3
  while i * i <= n do
    if n % i == 0 then return false end
    i = i + 2
  end
  return true
end

local function powmod(b, e, m)
  local r = 1
  b = b % m
  while e > 0 do
    if e & 1 == 1 then r = r * b % m end
    e = e >> 1
    b = b * b % m
  end
  return r
end

local primes = {}
for n = 1, 50 do if is_prime(n) then primes[#primes + 1] = n end end
print(gcd(48, 18), lcm(4, 6), #primes, powmod(2, 62, 1000000007), math.maxinteger // -1, math.tointeger(3.0))
