-- Duplex implementation errors (API.md section 3): cstream behaviour beyond Node's own tests; sequences from test/twins/duplex/duplex_implementation_errors.js. See spec/README.md.

local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local Duplex = stream.Duplex

local node = twin.run("test/twins/duplex/duplex_implementation_errors.js")

-- Lua-side checks of API.md section 8: a Lua error raised by an implementation
-- function destroys the Duplex with that error.
describe("Duplex implementation errors (API.md section 3)", function()
  -- twin: raised_in_write
  it("an error raised in _write destroys the stream: 'error' then 'close'", function()
    local log = {}
    local d = Duplex.new({ read = helper.noop, write = function() error("boom", 0) end })
    helper.record(d, log)
    d:write("x")
    helper.settle()
    assert.are.same(node.raised_in_write, log)
    assert.is_true(d.destroyed)
  end)

  -- twin: raised_in_read
  it("an error raised in _read destroys the stream: 'error' then 'close'", function()
    local log = {}
    local d = Duplex.new({ read = function() error({ code = "EMINE" }) end, write = helper.write_ok })
    helper.record(d, log)
    d:resume()
    helper.settle()
    assert.are.same(node.raised_in_read, log)
  end)
end)
