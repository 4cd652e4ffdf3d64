-- test-stream-pipeline-uncaught.js (Node 20's test/parallel/), translated; see
-- spec/README.md. An error raised by pipeline's callback, after a last stage
-- that is Node's async function (a Lua function that waits on its source),
-- is uncaught: it ends the process, in a child here.

local helper = require("spec.helper")

local child = helper.child

describe("test-stream-pipeline-uncaught", function()
  it("an error raised by the callback of a pipeline ending in a function stage is uncaught", function()
    local out, rc = child([[
local uv = require("luv")
local stream = require("cstream")
io.stdout:setvbuf("no")
local s = stream.PassThrough.new()
s:finish("data")
stream.pipeline(s, function(source)
  for chunk in source:iter() do print("chunk " .. chunk) end
end, function(err)
  print("cb " .. tostring(err))
  error("error from the callback", 0)
end)
uv.run()
print("not reached")
]])
    assert.is_truthy(out:find("^chunk data\ncb nil\n"), out)
    assert.is_truthy(out:find("Uncaught Error: error from the callback", 1, true), out)
    assert.is_nil(out:find("not reached", 1, true), out)
    assert.are.equal(1, rc)
    helper.settle()
  end)
end)
