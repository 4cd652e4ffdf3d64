-- W1: 1,000,000 chunks of 100 bytes -> 3 PassThrough -> counting Writable.
local here = (arg and arg[0] or ""):match("^(.*)/") or "."
package.path = here .. "/?.lua;" .. package.path
local uv = require("luv")
local stream = require("cstream")
local B = require("common")

local N = B.scaled(1000000)
local chunk = string.rep("a", 100)
local bytes, writes = 0, 0
local sink = stream.Writable.new({
  write = function(_, c, _, cb)
    bytes = bytes + #c
    writes = writes + 1
    cb()
  end,
})
local src = B.source(stream, chunk, N)
local t0 = B.now()
sink:on("finish", function()
  local dt = B.now() - t0
  B.check(bytes == N * 100, "w1 bytes")
  B.result("w1", dt, N, { bytes = bytes, writes = writes })
end)
src:pipe(stream.PassThrough.new()):pipe(stream.PassThrough.new())
   :pipe(stream.PassThrough.new()):pipe(sink)
uv.run()
