-- W4 floor: the user code of lua/w4.lua (the _read loop, the uppercasing
-- _transform, the counting _write) joined by bare C calls.  See floor.c.
local here = (arg and arg[0] or ""):match("^(.*)/") or "."
local B = dofile(here .. "/common.lua")

local N = B.scaled(200000)
local letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ."
local chunk = string.rep(letters, 16) -- 64 * 16 = 1024 bytes
local i = 0
local bytes, first = 0, nil
local _, run = B.floor.pipe({
  guard = B.guard,
  read = function(self)
    while i < N do
      i = i + 1
      if not self:push(chunk) then return end
    end
    self:push(nil)
  end,
  transform = function(_, c, _, cb)
    cb(nil, c:upper())
  end,
  write = function(_, c, _, cb)
    bytes = bytes + #c
    first = first or c
    cb()
  end,
})
local t0 = B.now()
run()
local dt = B.now() - t0
B.check(bytes == N * 1024 and first == chunk:upper(), "w4 floor bytes")
B.result("w4", dt, N, { bytes = bytes })
