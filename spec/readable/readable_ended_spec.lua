-- test-stream-readable-ended.js (Node 20's test/parallel/), translated; sequences from test/twins/readable/readable_ended.js. See spec/README.md.

local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local Readable = stream.Readable

local node = twin.run("test/twins/readable/readable_ended.js")

describe("test-stream-readable-ended", function()
  -- twin: ended_on_end
  it("readableEnded turns true only when 'end' is emitted", function()
    local log = {}
    local r
    r = Readable.new({
      read = function(self)
        helper.put(log, "_read", r.readableEnded)
        self:push("asd")
        helper.put(log, r.readableEnded)
        self:push(nil)
        helper.put(log, r.readableEnded)
      end,
    })
    r:on("end", function() helper.put(log, "end", r.readableEnded) end)
    r:on("data", function() helper.put(log, "data", r.readableEnded) end)
    helper.settle()
    assert.are.same(node.ended_on_end, twin.strings(log))
  end)

  -- twin: several_push_null
  it("several push(nil) give no 'error'", function()
    local log = {}
    local r = Readable.new({ read = function() end })
    r:on("readable", helper.guard(function() helper.put(log, "readable"); r:read() end))
    r:on("error", function(e) helper.put(log, "error:" .. tostring(helper.errcode(e))) end)
    r:on("end", function() helper.put(log, "end") end)
    r:push("a")
    r:push(nil)
    r:push(nil)
    helper.settle()
    assert.are.same(node.several_push_null, log)
  end)
end)
