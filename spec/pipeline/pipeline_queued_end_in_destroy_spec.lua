-- test-stream-pipeline-queued-end-in-destroy.js (Node 20's test/parallel/), translated; sequences from test/twins/pipeline/pipeline_queued_end_in_destroy.js. See spec/README.md.

local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local Readable, Writable, Duplex = stream.Readable, stream.Writable, stream.Duplex
local pipeline = stream.pipeline

-- Runs the loop to completion; fails when it is still busy after 5 s.
local function run() helper.run(5000) end

local node = twin.run("test/twins/pipeline/pipeline_queued_end_in_destroy.js")

describe("test-stream-pipeline-queued-end-in-destroy.js", function()
  -- twin: queued_end
  it("calls back when _destroy queues an end()", function()
    local log, L = helper.line_recorder()
    local readable = Readable.new({ read = function() L("read") end })
    local duplex = Duplex.new({
      write = function() end, -- messages queue up
      read = function() end,
      destroy = function(self, err, cb)
        self:finish()
        cb(err)
      end,
    })
    duplex:on("finished", function() L("finished") end)
    pipeline(readable, duplex, function(err) L("cb", helper.errtext(err)) end)
    readable:push("foo")
    helper.check_immediate(function() readable:destroy() end)
    run()
    assert.same(node.queued_end, log)
  end)
end)
