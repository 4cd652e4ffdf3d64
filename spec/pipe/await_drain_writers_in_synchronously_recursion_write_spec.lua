-- test-stream-await-drain-writers-in-synchronously-recursion-write.js (Node 20's test/parallel/), translated; sequences from test/twins/pipe/await_drain_writers_in_synchronously_recursion_write.js. See spec/README.md.

local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local PassThrough = stream.PassThrough

local node = twin.run("test/twins/pipe/await_drain_writers_in_synchronously_recursion_write.js")

describe("test-stream-await-drain-writers-in-synchronously-recursion-write", function()
  -- twin: recursion_write
  it("writes made from a 'data' listener of the piped destination all arrive", function()
    local log = {}
    local encode = PassThrough.new({ highWaterMark = 1 })
    local decode = PassThrough.new({ highWaterMark = 1 })
    local function send(b) helper.put(log, "send:" .. b:byte() .. ":" .. tostring(encode:write(b))) end
    local i = 0
    encode:pipe(decode):on("data", function(d)
      helper.put(log, "data:" .. d:byte())
      i = i + 1
      if i == 2 then
        send("\3")
        send("\4")
      end
    end)
    send("\1")
    send("\2")
    helper.settle()
    assert.are.same(node.recursion_write, log)
  end)
end)
