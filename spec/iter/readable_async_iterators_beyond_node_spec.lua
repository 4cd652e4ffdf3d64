-- Readable iteration (r:iter()) beyond Node's
-- test-stream-readable-async-iterators.js: break on a stream with buffered
-- chunks, an error while the loop waits, byte chunks joined in the buffer,
-- and iter() outside a coroutine. See spec/README.md.

local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local Readable = stream.Readable

-- What node v20 printed for the cases that assert a whole sequence (each
-- named in a `twin:` comment): test/twins/iter/readable_async_iterators.js.
local node = twin.run("test/twins/iter/readable_async_iterators.js")

describe("Readable iteration beyond test-stream-readable-async-iterators.js", function()
  -- twin: break_aborts
  it("break destroys the stream (abort) and it closes", function()
    -- Breaking (or raising) out of the loop closes the iterator through the
    -- for loop's to-be-closed value: Lua 5.4 only (r:each(fn) is the portable form).
    if not helper.TBC then return pending("needs Lua 5.4's to-be-closed for-loop value") end
    local log = {}
    local r = Readable.new({ objectMode = true, read = function() end })
    r:push(1)
    r:push(2)
    r:push(3)
    r:on("close", function() helper.put(log, "close") end)
    r:on("error", function(e) helper.put(log, "error:" .. tostring(helper.errcode(e))) end)
    helper.async_log(log, function()
      for c in r:iter() do
        helper.put(log, c)
        if c == 2 then break end
      end
      helper.put(log, r.destroyed, r.readableLength)
    end)
    helper.settle()
    assert.are.same(node.break_aborts, twin.strings(log))
  end)

  -- twin: error_while_waiting
  it("an error emitted while waiting is raised in the loop", function()
    local log = {}
    local r = Readable.new({ objectMode = true, read = function() end })
    r:push("a")
    helper.setTimeout(function() r:destroy({ message = "late" }) end, 5)
    helper.async_log(log, function()
      local ok, err = pcall(function()
        for c in r:iter() do helper.put(log, c) end
      end)
      helper.put(log, ok, helper.message(err))
    end)
    helper.settle()
    assert.are.same(node.error_while_waiting, twin.strings(log))
  end)

  -- twin: bytes_joined
  it("byte chunks buffered together come out as one", function()
    local log = {}
    local r = Readable.new({ read = function() end })
    r:push("a")
    r:push("b")
    helper.setTimeout(function() r:push("c"); r:push(nil) end, 5)
    helper.async_log(log, function()
      for c in r:iter() do helper.put(log, c) end
    end)
    helper.settle()
    assert.are.same(node.bytes_joined, twin.strings(log))
  end)

  it("iter() outside a coroutine raises", function()
    local r = Readable.new({ objectMode = true, read = function() end })
    r:push(1)
    local ok = pcall(function()
      for _ in r:iter() do end
    end)
    assert.is_false(ok)
    r:destroy()
    helper.settle()
  end)
end)
