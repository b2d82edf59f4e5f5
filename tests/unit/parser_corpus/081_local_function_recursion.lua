local function fact(n)
  if n <= 1 then return 1 end
  return n * fact(n - 1)
end

local is_even, is_odd
function is_even(n) if n == 0 then return true end return is_odd(n - 1) end
function is_odd(n) if n == 0 then return false end return is_even(n - 1) end

local function ackermann(m, n)
  if m == 0 then return n + 1 end
  if n == 0 then return ackermann(m - 1, 1) end
  return ackermann(m - 1, ackermann(m, n - 1))
end

local function hanoi(n, from, to, via, moves)
  moves = moves or {}
  if n == 0 then return moves end
  hanoi(n - 1, from, via, to, moves)
  moves[#moves + 1] = from .. "->" .. to
  hanoi(n - 1, via, to, from, moves)
  return moves
end

print(fact(20), is_even(10), is_odd(7), ackermann(2, 3), #hanoi(5, "A", "C", "B"))
