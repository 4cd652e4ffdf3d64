-- test-stream-readable-reading-readingMore.js (Node 20's test/parallel/), translated; sequences from test/twins/readable/readable_reading_readingMore.js. See spec/README.md.

local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local Readable = stream.Readable

local node = twin.run("test/twins/readable/readable_reading_readingMore.js")

describe("test-stream-readable-reading-readingMore", function()
  -- twin: pause_read_resume
  it("pause/read(6)/resume/unshift/push(nil) with 'data' and 'readable' listeners", function()
    local log = {}
    local r
    r = Readable.new({ read = function() helper.put(log, "_read") end })
    r:on("data", function(d) helper.put(log, "data:" .. d .. ":" .. tostring(r.readableFlowing)) end)
    r:on("readable", helper.guard(function() helper.put(log, "readable"); helper.put(log, helper.nullstr(r:read())) end))
    r:on("end", function() helper.put(log, "end") end)
    helper.put(log, r:push("pushed"))
    r:pause()
    helper.put(log, helper.nullstr(r:read(6)))
    r:resume()
    r:unshift("unshifted")
    r:push(nil)
    helper.put(log, "sync-done")
    helper.settle()
    assert.are.same(node.pause_read_resume, twin.strings(log))
  end)

  -- twin: flowing
  it("flowing: reads more after a synchronous push", function()
    local log = {}
    local r = Readable.new({ read = function() helper.put(log, "_read") end })
    r:on("data", function(d) helper.put(log, "data:" .. d) end)
    r:on("end", function() helper.put(log, "end") end)
    r:push("pushed")
    helper.put(log, "sync-done")
    helper.nextTick(function() helper.put(log, "tick"); r:push(nil) end)
    helper.settle()
    assert.are.same(node.flowing, log)
  end)

  -- twin: paused
  it("paused: reads more after a synchronous push", function()
    local log = {}
    local r
    r = Readable.new({ read = function() helper.put(log, "_read") end })
    r:on("readable", helper.guard(function() helper.put(log, "readable"); helper.put(log, helper.nullstr(r:read())) end))
    r:on("end", function() helper.put(log, "end") end)
    r:push("pushed")
    helper.put(log, "sync-done")
    helper.nextTick(function() helper.put(log, "tick"); r:push(nil) end)
    helper.settle()
    assert.are.same(node.paused, log)
  end)
end)
