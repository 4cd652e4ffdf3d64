-- emit_piped_ used the pipe's cached forwarder after repaying the collector's
-- loan (a decoded chunk's newbytes held it), whose step ran a finalizer that
-- unpiped: p->fwd was NULL.  Written by hand, in the generator's terms.
local rt = require("fuzz.reentry_rt")
local stream, S, C, T = rt.stream, rt.S, rt.C, rt.T
rt.begin(1, { 1, 1000, 1 })
rt.chain(1, 16, false)
local src = rt.new("Readable", { highWaterMark = 4, read = function() end }, nil, true)
local dst = rt.new("Writable", { write = function(self, c, e, cb) cb() end }, nil, true)
src:setEncoding("hex")
src:pipe(dst)
local k = 0
T(function() rt.mine(function()
  k = k + 1
  if k % 2 == 0 then src:unpipe(dst) else src:pipe(dst) end
end, 2000) end)
for i = 1, 2500 do
  T(function() src:push(string.rep("x", 10 + i % 50)) end)
  if i % 7 == 0 then T(function() src:read(3) end) end
  if i % 50 == 0 then rt.run(1) end
end
rt.run(200)
return rt.finish()
