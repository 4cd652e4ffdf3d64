-- W5: copy a file with file streams: createReadStream(in):pipe(createWriteStream(out)).
-- usage: w5.lua INPUT OUTPUT
local here = (arg and arg[0] or ""):match("^(.*)/") or "."
package.path = here .. "/?.lua;" .. package.path
local uv = require("luv")
local stream = require("cstream")
local B = require("common")

local input, output = arg[1], arg[2]
B.check(input and output, "usage: w5.lua INPUT OUTPUT")
local size = uv.fs_stat(input).size
local t0 = B.now()
local rs = stream.fs.createReadStream(input)
local ws = stream.fs.createWriteStream(output)
local failed
local function fail(err) failed = tostring(err) end
rs:on("error", fail)
ws:on("error", fail)
ws:on("close", function()
  local dt = B.now() - t0
  B.check(not failed, "w5 error: " .. tostring(failed))
  B.check(uv.fs_stat(output).size == size, "w5 size")
  B.result("w5", dt, size, { bytes = size })
end)
rs:pipe(ws)
uv.run()
