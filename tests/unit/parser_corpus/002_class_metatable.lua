-- Simple class with metatables and inheritance.
local Animal = {}
Animal.__index = Animal

function Animal.new(name, sound)
  local self = setmetatable({}, Animal)
  self.name = name
  self.sound = sound or "..."
  return self
end

function Animal:speak()
  return self.name .. " says " .. self.sound
end

function Animal.__tostring(a)
  return "Animal(" .. a.name .. ")"
end

local Dog = setmetatable({}, { __index = Animal })
Dog.__index = Dog
Dog.__tostring = Animal.__tostring

function Dog.new(name)
  local self = Animal.new(name, "woof")
  return setmetatable(self, Dog)
end

function Dog:fetch(thing)
  return ("%s fetches the %s"):format(self.name, thing)
end

local d = Dog.new("Rex")
print(d:speak(), d:fetch("ball"), tostring(d))
