-- Duplex state properties (twin of Node's getters): cstream behaviour beyond Node's own tests; sequences from test/twins/duplex/duplex_state.js. See spec/README.md.

local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local Duplex = stream.Duplex

local node = twin.run("test/twins/duplex/duplex_state.js")

describe("Duplex state properties (twin of Node's getters)", function()
  -- twin: state
  it("readable/writable/ended/finished/closed through end, finish and close", function()
    local log = {}
    local d = Duplex.new({ read = helper.noop, write = helper.write_ok })
    helper.put(log, d.readable, d.writable, d.readableEnded, d.writableEnded, d.writableFinished)
    d["end"](d)
    helper.put(log, d.writable, d.writableEnded, d.writableFinished)
    d:push(nil)
    d:resume()
    d:on("end", function() helper.put(log, "end", d.readable, d.readableEnded) end)
    d:on("finish", function() helper.put(log, "finish", d.writable, d.writableFinished) end)
    d:on("close", function() helper.put(log, "close", d.readable, d.writable, d.destroyed, d.closed) end)
    helper.settle()
    assert.are.same(node.state, twin.strings(log))
  end)
end)
