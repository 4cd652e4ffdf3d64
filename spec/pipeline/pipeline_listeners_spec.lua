-- test-stream-pipeline-listeners.js (Node 20's test/parallel/), translated; sequences from test/twins/pipeline/pipeline_listeners.js. See spec/README.md.

local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local Readable, Writable, Duplex = stream.Readable, stream.Writable, stream.Duplex
local Transform, PassThrough = stream.Transform, stream.PassThrough
local pipeline = stream.pipeline

-- Runs the loop to completion; fails when it is still busy after 5 s.
local function run() helper.run(5000) end

local node = twin.run("test/twins/pipeline/pipeline_listeners.js")

describe("test-stream-pipeline-listeners.js", function()
  -- twin: listeners
  it("removes its 'error' listener from a readable last stream only", function()
    local log, L = helper.line_recorder()
    local a = PassThrough.new()
    a:finish("foobar")
    local b = Duplex.new({ read = function() end, write = function(_, _, _, cb) cb() end })
    pipeline(a, b, function(err)
      L("ab", helper.errtext(err), a:listenerCount("error") > 0, b:listenerCount("error"))
    end)
    local c = PassThrough.new()
    c:finish("foobar")
    local d
    d = pipeline(c, helper.map_stage(string.upper), function(err)
      L("cd", helper.errtext(err), c:listenerCount("error") > 0, d:listenerCount("error"))
    end)
    local e = PassThrough.new()
    e:finish("foobar")
    local f = Writable.new({ write = function(_, _, _, cb) cb() end })
    pipeline(e, f, function(err)
      L("ef", helper.errtext(err), e:listenerCount("error") > 0, f:listenerCount("error") > 0)
    end)
    run()
    table.sort(log)
    assert.same(node.listeners, log)
    b:destroy()
    d:destroy()
    run()
  end)
end)
