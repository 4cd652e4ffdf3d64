-- test-stream-readable-resumeScheduled.js (Node 20's test/parallel/), translated; sequences from test/twins/readable/readable_resumeScheduled.js. See spec/README.md.

local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local Readable = stream.Readable
local Writable = stream.Writable

local node = twin.run("test/twins/readable/readable_resumeScheduled.js")

describe("test-stream-readable-resumeScheduled", function()
  -- twin: pipe
  it("pipe() schedules the resume for the next tick", function()
    local log = {}
    local r = Readable.new({ read = function() end })
    local w = Writable.new({
      write = function(_, c, _, cb) helper.put(log, "write:" .. c); cb() end,
    })
    r:on("resume", function() helper.put(log, "resume") end)
    r:pipe(w)
    helper.put(log, tostring(r.readableFlowing))
    r:push("x")
    helper.put(log, "sync-done")
    helper.nextTick(function() helper.put(log, "tick"); r:push(nil) end)
    w:on("finish", function() helper.put(log, "finish") end)
    helper.settle()
    assert.are.same(node.pipe, log)
  end)

  -- twin: data_listener
  it("a 'data' listener schedules the resume", function()
    local log = {}
    local r = Readable.new({ read = function() end })
    r:push("abc")
    r:on("resume", function() helper.put(log, "resume") end)
    r:on("data", function(d) helper.put(log, "data:" .. d) end)
    helper.put(log, tostring(r.readableFlowing))
    helper.nextTick(function() helper.put(log, "tick") end)
    helper.settle()
    assert.are.same(node.data_listener, log)
  end)

  -- twin: resume
  it("resume() emits 'resume' on the next tick", function()
    local log = {}
    local r = Readable.new({ read = function() helper.put(log, "_read") end })
    r:resume()
    helper.put(log, tostring(r.readableFlowing), r:isPaused())
    r:on("resume", function() helper.put(log, "resume") end)
    helper.nextTick(function() helper.put(log, "tick") end)
    helper.settle()
    assert.are.same(node.resume, twin.strings(log))
  end)
end)
