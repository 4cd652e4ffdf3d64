-- test-stream-readable-no-unneeded-readable.js (Node 20's test/parallel/), translated; sequences from test/twins/readable/readable_no_unneeded_readable.js. See spec/README.md.

local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local Readable = stream.Readable

local node = twin.run("test/twins/readable/readable_no_unneeded_readable.js")

describe("test-stream-readable-no-unneeded-readable", function()
  -- twin: wrapper_ends
  it("a wrapper reading a PassThrough through 'readable' ends", function()
    local log = {}
    local source = Readable.new({ read = function() end })
    source:push("foo")
    source:push("bar")
    source:push(nil)
    local pt = source:pipe(stream.PassThrough.new())
    local wrapper
    wrapper = Readable.new({
      read = function()
        local data = pt:read()
        if data then
          wrapper:push(data)
          return
        end
        pt:once("readable", helper.guard(function()
          data = pt:read()
          if data then wrapper:push(data) end
        end))
      end,
    })
    pt:once("end", helper.guard(function() helper.put(log, "pt end"); wrapper:push(nil) end))
    wrapper:on("data", function(d) helper.put(log, "data:" .. d) end)
    wrapper:once("end", function() helper.put(log, "end") end)
    helper.settle()
    assert.are.same(node.wrapper_ends, log)
  end)
end)
