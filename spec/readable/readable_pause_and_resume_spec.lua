-- test-stream-readable-pause-and-resume.js (Node 20's test/parallel/), translated; sequences from test/twins/readable/readable_pause_and_resume.js. See spec/README.md.

local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local Readable = stream.Readable

local node = twin.run("test/twins/readable/readable_pause_and_resume.js")

describe("test-stream-readable-pause-and-resume", function()
  -- twin: no_data_while_paused
  it("'data' never fires while paused", function()
    local log = {}
    local ticks, expectedData, dataCalls = 18, 19, 0
    local rs
    rs = Readable.new({
      objectMode = true,
      read = function()
        ticks = ticks - 1
        if ticks + 1 > 0 then
          stream.nextTick(function() rs:push({}) end)
          return
        end
        rs:push({})
        rs:push(nil)
      end,
    })
    rs:on("end", function() helper.put(log, "end", dataCalls) end)
    local readAndPause
    readAndPause = function()
      local calls = 0
      local ondata
      ondata = helper.guard(function()
        calls = calls + 1
        dataCalls = dataCalls + 1
        if calls > 1 then helper.put(log, "extra") end
        rs:pause()
        expectedData = expectedData - 1
        if expectedData <= 0 then return end
        helper.setImmediate(function()
          rs:removeListener("data", ondata)
          readAndPause()
          rs:resume()
        end)
      end)
      rs:on("data", ondata)
    end
    readAndPause()
    helper.settle()
    assert.are.same(node.no_data_while_paused, twin.strings(log))
  end)

  -- twin: pause_in_data
  it("pause() inside 'data' and resume() later", function()
    local log = {}
    local r = Readable.new({ read = function() end })
    r:push("a")
    r:push("b")
    r:on("data", helper.guard(function(d)
      helper.put(log, "data:" .. d, r:isPaused())
      r:pause()
      helper.setImmediate(function() helper.put(log, "imm"); r:resume() end)
    end))
    r:on("pause", function() helper.put(log, "pause") end)
    r:on("resume", function() helper.put(log, "resume") end)
    helper.setTimeout(function() r:push(nil) end, 20)
    r:on("end", function() helper.put(log, "end") end)
    helper.settle()
    assert.are.same(node.pause_in_data, twin.strings(log))
  end)
end)
