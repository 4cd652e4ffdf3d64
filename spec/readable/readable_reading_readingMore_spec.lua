-- test-stream-readable-reading-readingMore.js (Node 20's test/parallel/), translated; see spec/README.md.

local helper = require("spec.helper")
local stream = require("cstream")
local Readable = stream.Readable

describe("test-stream-readable-reading-readingMore", function()
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
    assert.are.same({ true, "_read", "data:pushed:false", "pushed", "readable",
      "data:unshifted:false", "unshifted", "sync-done", "readable", "null", "readable",
      "null", "end" }, log)
  end)

  it("flowing: reads more after a synchronous push", function()
    local log = {}
    local r = Readable.new({ read = function() helper.put(log, "_read") end })
    r:on("data", function(d) helper.put(log, "data:" .. d) end)
    r:on("end", function() helper.put(log, "end") end)
    r:push("pushed")
    helper.put(log, "sync-done")
    helper.nextTick(function() helper.put(log, "tick"); r:push(nil) end)
    helper.settle()
    assert.are.same({ "sync-done", "_read", "data:pushed", "tick", "end" }, log)
  end)

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
    assert.are.same({ "sync-done", "_read", "readable", "pushed", "tick", "readable", "null",
      "end" }, log)
  end)
end)
