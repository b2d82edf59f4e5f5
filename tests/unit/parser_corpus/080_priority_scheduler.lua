local Scheduler = {}
Scheduler.__index = Scheduler

function Scheduler.new() return setmetatable({ tasks = {}, clock = 0, seq = 0 }, Scheduler) end

function Scheduler:at(time, fn, priority)
  self.seq = self.seq + 1
  local task = { time = time, fn = fn, priority = priority or 0, seq = self.seq }
  local tasks = self.tasks
  local i = #tasks
  while i >= 1 do
    local o = tasks[i]
    if o.time < task.time or (o.time == task.time and (o.priority > task.priority or
        (o.priority == task.priority and o.seq < task.seq))) then
      break
    end
    i = i - 1
  end
  table.insert(tasks, i + 1, task)
end

function Scheduler:run_until(limit)
  local ran = 0
  while #self.tasks > 0 and self.tasks[1].time <= limit do
    local task = table.remove(self.tasks, 1)
    self.clock = task.time
    task.fn(self)
    ran = ran + 1
  end
  self.clock = limit
  return ran
end

local s = Scheduler.new()
s:at(5, function() print("five") end)
s:at(1, function(sch) print("one"); sch:at(sch.clock + 2, function() print("three") end) end)
s:at(1, function() print("one, high") end, 10)
print(s:run_until(10))
