-- await: code that waits, written straight down in a coroutine that
-- stream.async starts. Each stream.await call returns when the work is
-- done or raises its error.
local uv = require("luv")
local stream = require("cstream")
local Readable = stream.Readable

stream.async(function()
  -- A pipeline whose last stage is a function returns that function's value.
  local bytes = stream.await.pipeline(
    Readable.from({ "one\n", "two\n", "three\n" }, { objectMode = false }),
    function(source)
      local count = 0
      for chunk in source:iter() do count = count + #chunk end
      return count
    end)
  print("bytes: " .. bytes)

  print("sum: " .. stream.await.reduce(Readable.from({ 1, 2, 3, 4 }), function(a, b) return a + b end, 0))

  -- An event's values, as Node's events.once.
  local ee = stream.EventEmitter.new()
  stream.nextTick(function() ee:emit("ready", "port", 8080) end)
  print("ready: " .. table.concat({ stream.await.once(ee, "ready") }, " "))

  -- Errors are raised: pcall them, or let them escape as uncaught.
  local broken = stream.PassThrough.new()
  stream.nextTick(function() broken:destroy({ code = "EBROKEN", message = "broken" }) end)
  local ok, err = pcall(stream.await.finished, broken)
  print("finished: " .. tostring(ok) .. " " .. err.code)
end)

uv.run()
