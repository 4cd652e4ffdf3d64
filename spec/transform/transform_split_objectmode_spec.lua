-- test-stream-transform-split-objectmode.js (Node 20's test/parallel/), translated; sequences from test/twins/transform/transform_split_objectmode.js. See spec/README.md.

local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local Transform = stream.Transform

local node = twin.run("test/twins/transform/transform_split_objectmode.js")

describe("test-stream-transform-split-objectmode", function()
  -- twin: split
  it("readableObjectMode / writableObjectMode set one side each", function()
    local log = {}
    local parser = Transform.new({ readableObjectMode = true })
    helper.put(log, parser.readableObjectMode, parser.writableObjectMode,
      parser.readableHighWaterMark, parser.writableHighWaterMark)
    function parser:_transform(chunk, _, callback) callback(nil, { val = chunk:byte(1) }) end
    parser:on("data", function(obj) helper.put(log, "parsed:" .. obj.val) end)
    parser["end"](parser, string.char(42))

    local serializer = Transform.new({ writableObjectMode = true })
    helper.put(log, serializer.readableObjectMode, serializer.writableObjectMode,
      serializer.readableHighWaterMark, serializer.writableHighWaterMark)
    function serializer:_transform(obj, _, callback) callback(nil, string.char(obj.val)) end
    serializer:on("data", function(chunk) helper.put(log, "serialized:" .. chunk:byte(1)) end)
    serializer:write({ val = 42 })
    helper.settle()
    assert.are.same(node.split, twin.strings(log))
  end)
end)
