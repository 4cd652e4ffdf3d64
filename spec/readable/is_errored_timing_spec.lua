-- stream.isErrored follows Node's errorEmitted: a stream destroyed with an
-- error is not "errored" until its 'error' is emitted (a tick later), and an
-- 'error' emitted by hand does not count. Twin: test/twins/readable/is_errored.js.
local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local Readable, Writable, Duplex = stream.Readable, stream.Writable, stream.Duplex
local isErrored = stream.isErrored

local node = twin.run("test/twins/readable/is_errored.js")

local function follow(s, L)
  s:on("error", function(e) L("error", e.code or e.message, isErrored(s)) end)
  s:on("close", function() L("close", isErrored(s)) end)
end

local cases = {
  { "readable_destroy", "destroy(err): false until 'error' is emitted",
    function(L)
      local r = Readable.new({ read = function() end })
      follow(r, L)
      r:destroy(helper.E("r"))
      L("after destroy", isErrored(r), r.errored.message)
    end,
  },
  { "writable_write_error", "a write's error: false until 'error' is emitted",
    function(L)
      local w = Writable.new({ write = function(_, _, _, cb) cb(helper.E("w")) end })
      follow(w, L)
      w:write("a")
      L("after write", isErrored(w), w.errored.message)
    end,
  },
  { "duplex_destroy", "a Duplex destroyed with an error",
    function(L)
      local d = Duplex.new({ read = function() end, write = function(_, _, _, cb) cb() end })
      follow(d, L)
      d:destroy(helper.E("d"))
      L("after destroy", isErrored(d))
    end,
  },
  { "no_autodestroy", "autoDestroy = false: 'error' emitted at once by push() is errored",
    function(L)
      local r = Readable.new({ autoDestroy = false, read = function() end })
      follow(r, L)
      r:push(5)
      L("after push", isErrored(r), r.destroyed)
      helper.setImmediate(function() L("later", isErrored(r), r.destroyed) end)
    end,
  },
  { "emit_by_hand", "an 'error' emitted by hand does not count",
    function(L)
      local r = Readable.new({ read = function() end })
      follow(r, L)
      r:emit("error", helper.E("hand"))
      L("after emit", isErrored(r), r.errored == nil and "null" or r.errored)
    end,
  },
}

describe("isErrored's timing", function()
  helper.twin_cases(cases, node, "test/twins/readable/is_errored.js")
  helper.twin_covers(cases, node)
end)
