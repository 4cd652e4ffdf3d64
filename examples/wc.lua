-- wc [FILE]: counts lines, words and bytes of FILE or of stdin, with a
-- Writable subclass that sees the input chunk by chunk.
local uv = require("luv")
local stream = require("cstream")

local Counter = stream.Writable:extend()

function Counter:initialize()
  self.lines, self.words, self.bytes = 0, 0, 0
  self.inWord = false -- a word may straddle two chunks
end

function Counter:_write(chunk, _, callback)
  self.bytes = self.bytes + #chunk
  local _, nl = chunk:gsub("\n", "")
  self.lines = self.lines + nl
  local words = 0
  -- A word starts at each non-space that follows a space (or the start).
  if self.inWord and chunk:find("^%S") then words = -1 end
  for _ in chunk:gmatch("%S+") do words = words + 1 end
  self.words = self.words + words
  if #chunk > 0 then self.inWord = chunk:find("%S$") ~= nil end
  callback()
end

local name = arg[1]
local input = name and stream.fs.createReadStream(name) or stream.stdin()
local counter = Counter.new()
local status = 0

stream.pipeline(input, counter, function(err)
  if err then
    io.stderr:write("wc: ", tostring(err), "\n")
    status = 1
    return
  end
  print(("%7d %7d %7d%s"):format(counter.lines, counter.words, counter.bytes,
    name and (" " .. name) or ""))
end)

uv.run()
os.exit(status)
