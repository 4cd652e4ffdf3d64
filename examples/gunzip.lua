-- gunzip IN OUT: decompresses the gzip file IN into OUT.
local uv = require("luv")
local stream = require("cstream")

local src, dst = arg[1], arg[2]
if not src or not dst then
  io.stderr:write("usage: lua5.4 examples/gunzip.lua IN OUT\n")
  os.exit(2)
end

local status = 0
stream.pipeline(
  stream.fs.createReadStream(src),
  stream.zlib.createGunzip(),
  stream.fs.createWriteStream(dst),
  function(err)
    if err then
      io.stderr:write("gunzip: ", tostring(err), "\n")
      status = 1
    end
  end)

uv.run()
os.exit(status)
