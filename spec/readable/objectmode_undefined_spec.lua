-- test-stream-objectmode-undefined.js (Node 20's test/parallel/), translated; see spec/README.md.

local helper = require("spec.helper")
local stream = require("cstream")
local Readable = stream.Readable

describe("test-stream-objectmode-undefined", function()
  it("push(false) in object mode is a chunk", function()
    local log = {}
    local r
    r = Readable.new({ objectMode = true, read = function() r:push(false); r:push(nil) end })
    r:on("data", function(c) helper.put(log, "data", c) end)
    r:on("end", function() helper.put(log, "end") end)
    helper.settle()
    assert.are.same({ "data", false, "end" }, log)
  end)

  it("push(nil) in object mode ends the stream (Node's undefined chunk has no Lua twin)", function()
    local log = {}
    local r
    r = Readable.new({ objectMode = true, read = function() r:push(nil) end })
    r:on("data", function(c) helper.put(log, "data", c) end)
    r:on("end", function() helper.put(log, "end") end)
    helper.settle()
    assert.are.same({ "end" }, log)
  end)

  it("0 and '' in object mode are chunks", function()
    local log = {}
    local r
    r = Readable.new({ objectMode = true, read = function() r:push(0); r:push(""); r:push(nil) end })
    r:on("data", function(c) helper.put(log, c) end)
    r:on("end", function() helper.put(log, "end") end)
    helper.settle()
    assert.are.same({ 0, "", "end" }, log)
  end)
end)
