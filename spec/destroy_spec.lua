-- test-stream-destroy.js (Node 20's test/parallel/), translated; sequences from
-- test/twins/destroy/destroy.js. See spec/README.md.
-- stream.destroy(s[, err]) (Node's destroyer) and stream.isDestroyed(s). The
-- http cases have no Lua counterpart. stream.isDestroyed of a non-stream is
-- false where Node returns null (docs/API.md, "Differences from Node 20").

local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local Readable, Writable, Duplex, Transform, PassThrough =
  stream.Readable, stream.Writable, stream.Duplex, stream.Transform, stream.PassThrough
local errtext = helper.errtext

local cases = {
  { "readable", "no error: an unfinished Readable gets an AbortError",
    function(L)
      local r = Readable.new({ read = function() end })
      stream.destroy(r)
      L(r.destroyed, stream.isDestroyed(r))
      r:on("error", function(e) L("error", e.name, errtext(e)) end)
      r:on("close", function() L("close") end)
    end,
  },
  { "readable_err", "a Readable destroyed with an error",
    function(L)
      local r = Readable.new({ read = function() end })
      stream.destroy(r, { message = "asd" })
      L(r.destroyed)
      r:on("error", function(e) L("error", errtext(e)) end)
      r:on("close", function() L("close") end)
    end,
  },
  { "writable", "no error: an unfinished Writable gets an AbortError",
    function(L)
      local w = Writable.new({ write = function() end })
      L(stream.isDestroyed(w))
      stream.destroy(w)
      L(w.destroyed, stream.isDestroyed(w))
      w:on("error", function(e) L("error", e.name, errtext(e)) end)
      w:on("close", function() L("close") end)
    end,
  },
  { "writable_err", "a Writable destroyed with an error",
    function(L)
      local w = Writable.new({ write = function() end })
      stream.destroy(w, { message = "asd" })
      L(w.destroyed)
      w:on("error", function(e) L("error", errtext(e)) end)
      w:on("close", function() L("close") end)
    end,
  },
  { "after_end", "a Readable that has ended: no AbortError",
    function(L)
      local r = Readable.new({ read = function() end })
      r:on("end", function() L("end"); stream.destroy(r); L(r.destroyed) end)
      r:on("error", function(e) L("error", errtext(e)) end)
      r:on("close", function() L("close") end)
      r:resume(); r:push(nil)
    end,
  },
  { "twice", "a destroyed stream is left alone",
    function(L)
      local r = Readable.new({ read = function() end, destroy = function(_, e, cb) L("_destroy", errtext(e)); cb(e) end })
      r:on("error", function(e) L("error", errtext(e)) end)
      stream.destroy(r, { message = "a" })
      stream.destroy(r, { message = "b" })
      L(stream.isDestroyed(r))
    end,
  },
  { "legacy", "an emitter with no destroy() or close() gets 'close', and is marked destroyed",
    function(L)
      local e = stream.EventEmitter.new()
      e.pipe = function() end
      e.write = function() end
      e:on("error", function(x) L("error", errtext(x)) end)
      e:on("close", function() L("close") end)
      L(stream.isDestroyed(e))
      stream.destroy(e)
      L(stream.isDestroyed(e))
    end,
  },
}

local node = twin.run("test/twins/destroy/destroy.js")

describe("test-stream-destroy", function()
  helper.twin_cases(cases, node, "test/twins/destroy/destroy.js")
  helper.twin_covers(cases, node)
end)
