-- W1 floor: the user code of lua/w1.lua (the _read loop, the counting _write)
-- with three empty C stages between them.  See floor.c.
local here = (arg and arg[0] or ""):match("^(.*)/") or "."
local B = dofile(here .. "/common.lua")

local N, SIZE = B.scaled(1000000), 100
local chunk = string.rep("a", SIZE)
local bytes, writes = 0, 0
local i = 0
local src, run = B.floor.pipe({
  guard = B.guard,
  read = function(self)
    while i < N do
      i = i + 1
      if not self:push(chunk) then return end
    end
    self:push(nil)
  end,
  write = function(_, c, _, cb)
    bytes = bytes + #c
    writes = writes + 1
    cb()
  end,
})
local t0 = B.now()
run()
local dt = B.now() - t0
assert(src)
B.check(bytes == N * SIZE, "w1 floor bytes")
B.result("w1", dt, N, { bytes = bytes, writes = writes })
