-- cancel: stopping work with AbortController and AbortSignal. A ticker
-- that never ends is piped to stdout until a timeout signal stops the
-- pipeline; a controller stops a forEach from inside.
local uv = require("luv")
local stream = require("cstream")

local function sleep(ms)
  local co = coroutine.running()
  local t = uv.new_timer()
  t:start(ms, 0, function()
    t:close()
    coroutine.resume(co)
  end)
  coroutine.yield()
end

local n = 0
local ticker = stream.Readable.from(function()
  sleep(20)
  n = n + 1
  return "tick " .. n .. "\n"
end)

local out = stream.Writable.new({ write = function(_, chunk, _, cb)
  io.stdout:write(chunk)
  cb()
end })

stream.pipeline(ticker, out, { signal = stream.AbortSignal.timeout(110) }, function(err)
  print(("stopped: %s (%s)"):format(err.name, err.cause.name))

  local ac = stream.AbortController.new()
  stream.Readable.from({ "a", "b", "c", "d" }):forEach(function(letter)
    print("letter " .. letter)
    if letter == "b" then ac:abort("enough") end
  end, { signal = ac.signal }, function(e)
    print(("forEach: %s (%s)"):format(e.name, e.code))
  end)
end)

uv.run()
