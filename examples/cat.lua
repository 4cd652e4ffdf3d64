-- cat: copies stdin to stdout (files, pipes and terminals alike).
--   LUA_PATH='lua/?.lua;lua/?/init.lua;;' LUA_CPATH='./?.so;;' \
--     lua5.4 examples/cat.lua < README > copy
local uv = require("luv")
local stream = require("cstream")

local input, output = stream.stdin(), stream.stdout()
local status = 0
local function fail(err)
  io.stderr:write("cat: ", tostring(err), "\n")
  status = 1
end
input:on("error", fail)
output:on("error", fail)
input:pipe(output)

uv.run()
os.exit(status)
