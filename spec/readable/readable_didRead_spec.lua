-- test-stream-readable-didRead.js (Node 20's test/parallel/), translated:
-- readableDidRead, isDisturbed and isErrored; predicates_other covers the
-- predicates on what is not a Readable. Each case's sequence is what node
-- v20 printed for the same case of the JS twin test/twins/duplex/utilities.js,
-- read from its .expected (spec/twin.lua).

local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local Readable, Writable, Duplex = stream.Readable, stream.Writable, stream.Duplex

local function state(r)
  return "didRead=" .. tostring(r.readableDidRead) .. " disturbed=" .. tostring(stream.isDisturbed(r)) ..
    " errored=" .. tostring(stream.isErrored(r))
end

-- test-stream-readable-didRead.js's check(): r pushes `pushes` from _read.
local function didRead(L, pushes, fn)
  local r = Readable.new({ read = function(self)
    for i = 1, pushes.n do self:push(pushes[i]) end
  end })
  L(state(r))
  r:on("error", function() L("error errored=" .. tostring(stream.isErrored(r))) end)
  helper.watch(r, L, { "data", "end", "close" })
  fn(r)
  helper.setImmediate(function() L("later " .. state(r)) end)
end

local cases = {
  { "didread_read", "read() of an empty stream is no read",
    function(L) didRead(L, { n = 1 }, function(r) r:read() end) end,
  },

  { "didread_resume", "resume() of an empty stream is no read",
    function(L) didRead(L, { n = 1 }, function(r) r:resume() end) end,
  },

  { "didread_destroy", "destroy() disturbs (aborted) without an error",
    function(L) didRead(L, { n = 1 }, function(r) r:destroy() end) end,
  },

  { "didread_destroy_error", "destroy(err) disturbs and errors",
    function(L) didRead(L, { n = 1 }, function(r) r:destroy(helper.E("x")) end) end,
  },

  { "didread_data", "a 'data' listener reads",
    function(L) didRead(L, { "data", n = 2 }, function(r) r:on("data", function() end) end) end,
  },

  { "didread_data_off", "a 'data' listener removed at once still started the reading",
    function(L)
      local function noop() end
      didRead(L, { "data", n = 2 }, function(r)
        r:on("data", noop)
        r:off("data", noop)
        helper.setImmediate(function() L("flowing " .. tostring(r.readableFlowing)) end)
      end)
    end,
  },

  { "predicates_other", "isErrored/isDisturbed of a Writable, a Duplex, nil and a table",
    function(L)
      local w = Writable.new({ write = function(_, _, _, cb) cb(helper.E("w")) end })
      w:on("error", function()
        L("w error errored=" .. tostring(stream.isErrored(w)) .. " disturbed=" .. tostring(stream.isDisturbed(w)))
      end)
      L("w errored=" .. tostring(stream.isErrored(w)) .. " disturbed=" .. tostring(stream.isDisturbed(w)))
      w:write("a")
      local d = Duplex.new({ read = function() end, write = function(_, _, _, cb) cb() end })
      d:on("error", function()
        L("d error errored=" .. tostring(stream.isErrored(d)) .. " disturbed=" .. tostring(stream.isDisturbed(d)))
      end)
      d:destroy(helper.E("d"))
      L("nil " .. tostring(stream.isErrored(nil)) .. " " .. tostring(stream.isDisturbed(nil)) ..
        " table " .. tostring(stream.isErrored({})) .. " " .. tostring(stream.isDisturbed({})))
    end,
  },
}

-- What node v20 printed for each case (test/twins/duplex/utilities.js).
local node = twin.run("test/twins/duplex/utilities.js")

describe("readableDidRead, isDisturbed, isErrored (test-stream-readable-didRead.js)", function()
  helper.twin_cases(cases, node, "test/twins/duplex/utilities.js")
end)
