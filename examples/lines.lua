-- lines [CMD [ARG...]]: numbers the lines of stdin, or of what CMD prints,
-- as `cat -n` does. r:lines() splits the bytes (at "\n", "\r\n" or "\r")
-- inside a coroutine; writeAsync waits while stdout is full.
local uv = require("luv")
local stream = require("cstream")

local status = 0
local input
if arg[1] then
  local child = stream.spawn(arg[1], { (table.unpack or unpack)(arg, 2) }, -- LuaJIT: unpack
                             { stdio = { "ignore", "pipe", "inherit" } })
  child:on("error", function(err)
    io.stderr:write("lines: ", tostring(err), "\n")
    status = 1
  end)
  input = child.stdout
else
  input = stream.stdin()
end

local out = stream.stdout()
coroutine.wrap(function()
  local ok, err = pcall(function()
    local n = 0
    for line in input:lines() do
      n = n + 1
      out:writeAsync(("%6d\t%s\n"):format(n, line))
    end
  end)
  if not ok then
    io.stderr:write("lines: ", tostring(err), "\n")
    status = 1
  end
end)()

uv.run()
os.exit(status)
