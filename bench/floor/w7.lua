-- W7 floor: the user code of lua/w7.lua (the _read loop pushing 4 KiB chunks,
-- the read(1000) loop) over a bare C queue of the pushed strings: one copy of
-- each piece into a new Lua string, nothing else.  See floor.c.
local here = (arg and arg[0] or ""):match("^(.*)/") or "."
local B = dofile(here .. "/common.lua")

local N = B.scaled(16384)
local chunk = string.rep("abcdefgh", 512) -- 4096 bytes
local i = 0
local src = B.floor.queue({
  highWaterMark = 16384,
  read = function(self)
    while i < N do
      i = i + 1
      if not self:push(chunk) then return end
    end
    self:push(nil)
  end,
})
local bytes, reads = 0, 0
local t0 = B.now()
while true do
  local c = src:read(1000)
  if c == nil then break end
  bytes = bytes + #c
  reads = reads + 1
end
local dt = B.now() - t0
B.check(bytes == N * 4096, "w7 floor bytes")
B.result("w7", dt, bytes, { bytes = bytes, reads = reads })
