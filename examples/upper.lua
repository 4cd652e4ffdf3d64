-- upper [FILE]: uppercases FILE (or a built-in text) onto stdout through a
-- custom Transform in a pipeline.
local uv = require("luv")
local stream = require("cstream")

local Upper = stream.Transform:extend()

function Upper:_transform(chunk, _, callback)
  callback(nil, chunk:upper())
end

local TEXT = {
  "Streams are collections of data that might not be available\n",
  "all at once and don't have to fit in memory.\n",
}

local source
if arg[1] then
  source = stream.fs.createReadStream(arg[1])
else
  source = stream.Readable.from(TEXT, { objectMode = false })
end

local status = 0
stream.pipeline(source, Upper.new(), stream.stdout(), function(err)
  if err then
    io.stderr:write("upper: ", tostring(err), "\n")
    status = 1
  end
end)

uv.run()
os.exit(status)
