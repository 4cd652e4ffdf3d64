-- test-stream-readable-event.js (Node 20's test/parallel/), translated; sequences from test/twins/readable/readable_event.js. See spec/README.md.

local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local Readable = stream.Readable

local node = twin.run("test/twins/readable/readable_event.js")

describe("test-stream-readable-event", function()
  -- twin: added_later
  it("on('readable') added later fires for data pushed before, without _read", function()
    local log = {}
    local r = Readable.new({ highWaterMark = 3, read = function() helper.put(log, "_read") end })
    helper.put(log, r:push("blerg"))
    helper.setTimeout(function()
      helper.put(log, "len:" .. r.readableLength)
      r:on("readable", function() helper.put(log, "readable") end)
    end, 1)
    helper.settle()
    assert.are.same(node.added_later, twin.strings(log))
  end)

  -- twin: while_reading
  it("re-emits 'readable' when there is data while it is reading", function()
    local log = {}
    local r = Readable.new({ highWaterMark = 3, read = function() helper.put(log, "_read") end })
    helper.put(log, r:push("bl"))
    helper.setTimeout(function()
      helper.put(log, "len:" .. r.readableLength)
      r:on("readable", function() helper.put(log, "readable") end)
    end, 1)
    helper.settle()
    assert.are.same(node.while_reading, twin.strings(log))
  end)

  -- twin: at_eof
  it("emits 'readable' for a stream at EOF below the highWaterMark", function()
    local log = {}
    local r = Readable.new({ highWaterMark = 30, read = function() helper.put(log, "_read") end })
    r:push("blerg")
    r:push(nil)
    helper.setTimeout(function()
      r:on("readable", function() helper.put(log, "readable") end)
      r:on("end", function() helper.put(log, "end") end)
    end, 1)
    helper.settle()
    assert.are.same(node.at_eof, log)
  end)

  -- twin: empty_push
  it("push('') in byte mode triggers the next _read", function()
    local log = {}
    local data = { "", "x", "y", "", "z" }
    local r
    r = Readable.new({
      encoding = "utf8",
      read = function(self)
        helper.nextTick(function() self:push(table.remove(data, 1)) end)
      end,
    })
    r:on("readable", helper.guard(function() helper.put(log, "readable:" .. helper.nullstr(r:read())) end))
    r:on("end", function() helper.put(log, "end") end)
    helper.settle()
    assert.are.same(node.empty_push, log)
  end)

  -- twin: remove_all_listeners
  it("removeAllListeners() leaves no listener behind (#20923)", function()
    local r = Readable.new({ read = function() end })
    r:on("data", function() end)
    r:removeAllListeners()
    local counts = {}
    for _, e in ipairs({ "data", "readable", "end", "error", "close", "pause", "resume" }) do
      helper.put(counts, r:listenerCount(e))
    end
    assert.are.same(node.remove_all_listeners, twin.strings(counts))
    assert.is_true(r.readableFlowing)
    helper.settle()
  end)
end)
