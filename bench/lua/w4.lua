-- W4: 200,000 chunks of 1 KiB through an uppercasing Transform written in Lua.
local here = (arg and arg[0] or ""):match("^(.*)/") or "."
package.path = here .. "/?.lua;" .. package.path
local uv = require("luv")
local stream = require("cstream")
local B = require("common")

local N = B.scaled(200000)
local letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ."
local chunk = string.rep(letters, 16) -- 64 * 16 = 1024 bytes
local upper = stream.Transform.new({
  transform = function(_, c, _, cb)
    cb(nil, c:upper())
  end,
})
local bytes, first = 0, nil
local sink = stream.Writable.new({
  write = function(_, c, _, cb)
    bytes = bytes + #c
    first = first or c
    cb()
  end,
})
local src = B.source(stream, chunk, N)
local t0 = B.now()
sink:on("finish", function()
  local dt = B.now() - t0
  B.check(bytes == N * 1024 and first == chunk:upper(), "w4 bytes")
  B.result("w4", dt, N, { bytes = bytes })
end)
src:pipe(upper):pipe(sink)
uv.run()
