-- test-stream-error-once.js (Node 20's test/parallel/), translated; sequences from
-- test/twins/writable/error_once.js. See spec/README.md.
-- Writes after end() and pushes after push(nil) emit one 'error', however many
-- follow; every write callback gets the error.

local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local Readable, Writable, Duplex, Transform, PassThrough =
  stream.Readable, stream.Writable, stream.Duplex, stream.Transform, stream.PassThrough
local errtext = helper.errtext

local cases = {
  { "writable", "two writes after end(): one 'error'",
    function(L)
      local w = Writable.new()
      w:on("error", function(e) L("error", errtext(e)) end)
      w:on("close", function() L("close") end)
      w:finish()
      L(w:write("h", function(e) L("cb1", errtext(e)) end))
      L(w:write("h", function(e) L("cb2", errtext(e)) end))
    end,
  },
  { "readable", "two pushes after push(nil): one 'error'",
    function(L)
      local r = Readable.new()
      r:on("error", function(e) L("error", errtext(e)) end)
      r:on("close", function() L("close") end)
      r:push(nil)
      L(r:push("h"))
      L(r:push("h"))
    end,
  },
}

local node = twin.run("test/twins/writable/error_once.js")

describe("test-stream-error-once", function()
  helper.twin_cases(cases, node, "test/twins/writable/error_once.js")
  helper.twin_covers(cases, node)
end)
