-- A write on a handle stream is tried at once, as Node's stream_base does
-- (uv_try_write): what the kernel takes whole completes inside write()
-- (writableLength back to 0, write() true even above highWaterMark; the
-- callback still comes later), the rest stays pending as before.
-- Twin: test/twins/handle/socket_write.js.
local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local uv = require("luv")

local source = "test/twins/handle/socket_write.js"
local node = twin.run(source)

local function pair(onServer, onClient)
  local srv = uv.new_tcp()
  assert(srv:bind("127.0.0.1", 0))
  assert(srv:listen(16, function()
    local h = uv.new_tcp()
    srv:accept(h)
    srv:close()
    onServer(stream.fromHandle(h))
  end))
  local c = uv.new_tcp()
  c:connect("127.0.0.1", srv:getsockname().port, function()
    onClient(stream.fromHandle(c))
  end)
end

local function sink(s)
  s:resume()
  s:on("end", function() s:finish() end)
end

local cases = {
  { "small", "a small write is done when write() returns; its callback comes later", function(L)
    pair(sink, function(c)
      local sync = true
      L("write", c:write("abc", function() L("cb", sync, c.bytesWritten) end),
        c.writableLength, c.bytesWritten)
      sync = false
      c:finish(function() L("end cb", c.bytesWritten) end)
      c:resume()
    end)
  end },
  { "above_hwm", "a chunk above highWaterMark the kernel takes: write() is true", function(L)
    pair(sink, function(c)
      L("hwm", c.writableHighWaterMark)
      L("write", c:write(("x"):rep(20000)), c.writableLength, c.writableNeedDrain,
        c.bytesWritten)
      c:finish()
      c:resume()
    end)
  end },
  { "too_big", "a chunk the kernel cannot take at once stays pending", function(L)
    pair(sink, function(c)
      local n = 32 * 1024 * 1024
      L("write", c:write(("y"):rep(n)), c.writableLength == n, c.writableNeedDrain,
        c.bytesWritten)
      c:on("drain", function() L("drain", c.writableLength) end)
      c:finish()
      c:resume()
    end)
  end },
}

describe("fromHandle: writes tried at once, as Node's", function()
  helper.twin_cases(cases, node, source)
  helper.twin_covers(cases, node)
end)
