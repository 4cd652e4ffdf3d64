-- test-stream-objectmode-undefined.js (Node 20's test/parallel/), translated; sequences from test/twins/readable/objectmode_undefined.js. See spec/README.md.

local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local Readable = stream.Readable

local node = twin.run("test/twins/readable/objectmode_undefined.js")

describe("test-stream-objectmode-undefined", function()
  -- twin: push_false
  it("push(false) in object mode is a chunk", function()
    local log = {}
    local r
    r = Readable.new({ objectMode = true, read = function() r:push(false); r:push(nil) end })
    r:on("data", function(c) helper.put(log, "data", c) end)
    r:on("end", function() helper.put(log, "end") end)
    helper.settle()
    assert.are.same(node.push_false, twin.strings(log))
  end)

  -- twin: push_null
  it("push(nil) in object mode ends the stream (Node's undefined chunk has no Lua twin)", function()
    local log = {}
    local r
    r = Readable.new({ objectMode = true, read = function() r:push(nil) end })
    r:on("data", function(c) helper.put(log, "data", c) end)
    r:on("end", function() helper.put(log, "end") end)
    helper.settle()
    assert.are.same(node.push_null, log)
  end)

  -- twin: zero_and_empty
  it("0 and '' in object mode are chunks", function()
    local log = {}
    local r
    r = Readable.new({ objectMode = true, read = function() r:push(0); r:push(""); r:push(nil) end })
    r:on("data", function(c) helper.put(log, c) end)
    r:on("end", function() helper.put(log, "end") end)
    helper.settle()
    assert.are.same(node.zero_and_empty, twin.strings(log))
  end)
end)
