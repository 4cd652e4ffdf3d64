-- W7: 64 MiB pushed in 4 KiB chunks, consumed with read(1000) in paused mode.
local here = (arg and arg[0] or ""):match("^(.*)/") or "."
package.path = here .. "/?.lua;" .. package.path
local uv = require("luv")
local stream = require("cstream")
local B = require("common")

local N = B.scaled(16384)
local chunk = string.rep("abcdefgh", 512) -- 4096 bytes
local src = B.source(stream, chunk, N)
local bytes, reads = 0, 0
local t0 = B.now()
src:on("readable", function()
  while true do
    local c = src:read(1000)
    if c == nil then break end
    bytes = bytes + #c
    reads = reads + 1
  end
end)
src:on("end", function()
  local dt = B.now() - t0
  B.check(bytes == N * 4096, "w7 bytes")
  B.result("w7", dt, bytes, { bytes = bytes, reads = reads })
end)
uv.run()
