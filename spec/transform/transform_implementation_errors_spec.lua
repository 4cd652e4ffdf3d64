-- Transform implementation errors (API.md section 3): cstream behaviour beyond Node's own tests; sequences from test/twins/transform/transform_implementation_errors.js. See spec/README.md.

local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local Transform = stream.Transform

local node = twin.run("test/twins/transform/transform_implementation_errors.js")

describe("Transform implementation errors (API.md section 3)", function()
  -- twin: raised_in_transform
  it("an error raised in _transform destroys the stream: 'error' then 'close'", function()
    local log = {}
    local t = Transform.new({ transform = function() error("bad chunk", 0) end })
    helper.record(t, log, { "error", "finish", "end", "close" })
    t:write("x")
    helper.put(log, "destroyed:" .. tostring(t.destroyed))
    helper.settle()
    assert.are.same(node.raised_in_transform, log)
  end)

  -- twin: raised_in_flush
  it("an error raised in _flush destroys the stream: 'error' then 'close'", function()
    local log = {}
    local err = { message = "flush failed" }
    local got
    local t = Transform.new({
      transform = function(_, c, _, cb) cb(nil, c) end,
      flush = function() error(err) end,
    })
    t:on("data", function(d) helper.put(log, d) end)
    helper.record(t, log, { "error", "finish", "end", "close" })
    t:on("error", function(e) got = e end)
    t["end"](t, "x")
    helper.settle()
    assert.are.same(node.raised_in_flush, log)
    assert.are.equal(err, got)
  end)

  -- twin: transform_cb_error
  it("an error given to the transform callback destroys the stream", function()
    local log = {}
    local t = Transform.new({ transform = function(_, _, _, cb) cb("nope") end })
    helper.record(t, log, { "error", "finish", "end", "close" })
    t:write("x")
    helper.settle()
    assert.are.same(node.transform_cb_error, log)
  end)

  -- twin: flush_cb_error
  it("an error given to the flush callback destroys the stream", function()
    local log = {}
    local t = Transform.new({
      transform = function(_, _, _, cb) cb() end,
      flush = function(_, cb) cb("late") end,
    })
    t:resume()
    helper.record(t, log, { "error", "finish", "end", "close" })
    t["end"](t, "x")
    helper.settle()
    assert.are.same(node.flush_cb_error, log)
  end)
end)
