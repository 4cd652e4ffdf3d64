-- W3 floor: the user code of lua/w3.lua (the _read loop making tables, the
-- Lua _transform, the counting _write) joined by bare C calls.  See floor.c.
local here = (arg and arg[0] or ""):match("^(.*)/") or "."
local B = dofile(here .. "/common.lua")

local N = B.scaled(1000000)
local i = 0
local items, sum = 0, 0
local _, run = B.floor.pipe({
  guard = B.guard,
  read = function(self)
    while i < N do
      i = i + 1
      if not self:push({ id = i, name = "item" }) then return end
    end
    self:push(nil)
  end,
  transform = function(_, o, _, cb)
    cb(nil, { id = o.id, name = o.name, double = o.id * 2 })
  end,
  write = function(_, o, _, cb)
    items = items + 1
    sum = sum + o.double
    cb()
  end,
})
local t0 = B.now()
run()
local dt = B.now() - t0
B.check(items == N and sum == N * (N + 1), "w3 floor items")
B.result("w3", dt, N, { items = items })
