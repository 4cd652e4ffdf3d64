-- operators: Node 20's Readable operators. Words are filtered, mapped and
-- counted; a slow lookup runs three at a time (its function waits, so it
-- runs in a coroutine) and the results still come out in order.
local uv = require("luv")
local stream = require("cstream")
local Readable = stream.Readable

-- Waits ms milliseconds inside the operator's coroutine.
local function sleep(ms)
  local co = coroutine.running()
  local t = uv.new_timer()
  t:start(ms, 0, function()
    t:close()
    coroutine.resume(co)
  end)
  coroutine.yield()
end

local words = { "streams", "", "for", "lua", "", "with", "operators", "from", "node" }

Readable.from(words)
  :filter(function(w) return w ~= "" end)
  :map(function(w) return w:upper() end)
  :take(5)
  :toArray(function(err, list)
    assert(not err, err)
    print(table.concat(list, " "))
  end)

Readable.from({ 1, 2, 3, 4, 5, 6 })
  :map(function(n)
    sleep(70 - n * 10) -- later numbers answer sooner
    return n * n
  end, { concurrency = 3 })
  :reduce(function(acc, sq) return acc .. " " .. sq end, "squares:", function(err, s)
    assert(not err, err)
    print(s)
  end)

uv.run()
