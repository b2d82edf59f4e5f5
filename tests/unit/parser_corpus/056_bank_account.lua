local Account = {}
Account.__index = Account

local next_id = 0
local function gen_id()
  next_id = next_id + 1
  return ("ACC-%05d"):format(next_id)
end

function Account.open(owner, initial)
  if initial and initial < 0 then error("initial deposit must be positive") end
  return setmetatable({ id = gen_id(), owner = owner, balance = initial or 0, log = {} }, Account)
end

function Account:deposit(amount)
  assert(type(amount) == "number" and amount > 0, "bad amount")
  self.balance = self.balance + amount
  self.log[#self.log + 1] = { kind = "deposit", amount = amount }
end

function Account:withdraw(amount)
  if amount > self.balance then
    return false, "insufficient funds: balance " .. self.balance .. ", requested " .. amount
  end
  self.balance = self.balance - amount
  self.log[#self.log + 1] = { kind = "withdraw", amount = amount }
  return true
end

function Account.transfer(from, to, amount)
  local ok, err = from:withdraw(amount)
  if not ok then return false, err end
  to:deposit(amount)
  return true
end

local a, b = Account.open("ann", 100), Account.open("bob")
print(Account.transfer(a, b, 30), a.balance, b.balance, Account.transfer(b, a, 1000))
