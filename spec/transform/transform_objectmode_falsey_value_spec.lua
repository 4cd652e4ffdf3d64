-- test-stream-transform-objectmode-falsey-value.js (Node 20's test/parallel/), translated; sequences from test/twins/transform/transform_objectmode_falsey_value.js. See spec/README.md.

local uv = require("luv")
local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local PassThrough = stream.PassThrough

local node = twin.run("test/twins/transform/transform_objectmode_falsey_value.js")

describe("test-stream-transform-objectmode-falsey-value", function()
  -- twin: two_pipes
  it("falsey object-mode values flow through two PassThrough pipes", function()
    local log = {}
    local src = PassThrough.new({ objectMode = true })
    local tx = PassThrough.new({ objectMode = true })
    local dest = PassThrough.new({ objectMode = true })
    dest:on("data", function(x) helper.put(log, x) end)
    dest:on("end", function() helper.put(log, "end") end)
    src:pipe(tx):pipe(dest)
    local i = -1
    local int = uv.new_timer()
    int:start(1, 1, helper.guard(function()
      if i > 10 then
        src["end"](src)
        int:close()
      else
        src:write(i)
        i = i + 1
      end
    end))
    helper.settle()
    assert.are.same(node.two_pipes, twin.strings(log))
  end)

  -- twin: falsey_chunks
  it("PassThrough passes false, 0 and \"\" on as ordinary chunks", function()
    local log = {}
    local pt = PassThrough.new({ objectMode = true })
    pt:on("data", function(x) helper.put(log, type(x) .. ":" .. tostring(x)) end)
    pt:on("end", function() helper.put(log, "end") end)
    pt:write(false)
    pt:write(0)
    pt:write("")
    pt["end"](pt, false)
    helper.settle()
    assert.are.same(node.falsey_chunks, log)
  end)
end)
