-- test-stream-pipeline-with-empty-string.js (Node 20's test/parallel/), translated; sequences from test/twins/pipeline/pipeline_with_empty_string.js. See spec/README.md.

local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local Transform, PassThrough = stream.Transform, stream.PassThrough
local pipeline = stream.pipeline

-- Runs the loop to completion; fails when it is still busy after 5 s.
local function run() helper.run(5000) end

local node = twin.run("test/twins/pipeline/pipeline_with_empty_string.js")

describe("test-stream-pipeline-with-empty-string.js", function()
  -- twin: empty_string
  it("an empty string source", function()
    local log, L = helper.line_recorder()
    pipeline("", PassThrough.new({ objectMode = true }), function(err) L("cb", helper.errtext(err)) end)
    run()
    assert.same(node.empty_string, log)
  end)
end)
