-- A PassThrough only garbage refers to, written by its pipe source from that
-- garbage's finalizer: its readable side buffers the chunk, and h_pin read
-- the weak map's nil as its userdata (fixed by pushud's via).  By hand, in
-- the generator's terms.
local rt = require("fuzz.reentry_rt")
local stream, S, C, T = rt.stream, rt.S, rt.C, rt.T
rt.begin(1, nil)
rt.chain(1, 16, false)
for round = 1, 50 do
  do
    local src = stream.Readable.new({ read = function() end })
    local pt = stream.PassThrough.new({ highWaterMark = 1000 })
    src:pipe(pt)
    src:push("warm" .. round)
    rt.run(1)                         -- flowing, the forwarder known
    rt.bomb(function()
      for i = 1, 3 do T(function() src:push(string.rep("p", i * 10)) end) end
      T(function() pt:write("w") end)
      T(function() collectgarbage() end)
    end)
  end
  T(function() collectgarbage() end)
end
rt.run(200)
return rt.finish()
