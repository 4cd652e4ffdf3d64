-- Listeners added or removed while cstream emits 'data' (from C, with the
-- pipe forwarder written from C) apply from the next chunk on, as Node's
-- copy-on-emit: events.lua's storage contract, followed by the binding.
-- Twin: test/twins/events/data-listener-changes.js (its lines, read by twin.lines)

local helper = require("spec.helper")
local stream = require("cstream")
local twin = require("spec.twin")

describe("'data' listeners changed during an emit", function()
  it("the running emit keeps its listeners", function()
    local out = {}
    local r = stream.Readable.new({ read = function() end })
    local function b() out[#out + 1] = "b" end
    local function c() out[#out + 1] = "c" end
    local first = true
    r:on("data", function(d)
      out[#out + 1] = "a:" .. d
      if first then
        first = false
        r:removeListener("data", b)
        r:on("data", c)
        r:prependListener("data", function() out[#out + 1] = "p" end)
      end
    end)
    r:on("data", b)
    local pt = stream.PassThrough.new()
    r:pipe(pt)
    pt:on("data", function(d) out[#out + 1] = "pt:" .. d end)
    r:push("x")
    r:push("y")
    r:push(nil)
    local ended = false
    pt:on("end", function() ended = true end)
    helper.settle()
    assert.is_true(ended)
    assert.are.same(twin.lines("test/twins/events/data-listener-changes.js"), out)
  end)
end)
