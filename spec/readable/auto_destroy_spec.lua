-- test-stream-auto-destroy.js (Node 20's test/parallel/), translated; sequences from
-- test/twins/readable/auto_destroy.js. See spec/README.md.
-- autoDestroy destroys a Readable after 'end', a Writable after 'finish', a
-- Transform after both; a pipe's destination destroyed from the source's _read.
-- Node's fourth case pipes into a Readable (r.pipe(r2)): cstream's pipe() takes a
-- writable destination only (ERR_INVALID_ARG_TYPE), so it is left out.

local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local Readable, Writable, Duplex, Transform, PassThrough =
  stream.Readable, stream.Writable, stream.Duplex, stream.Transform, stream.PassThrough
local errtext = helper.errtext

local cases = {
  { "auto_r", "a Readable is destroyed after 'end'",
    function(L)
      local r = Readable.new({
        autoDestroy = true,
        read = function(self) self:push("hello"); self:push("world"); self:push(nil) end,
        destroy = function(_, err, cb) L("_destroy", errtext(err)); cb() end,
      })
      r:resume()
      for _, e in ipairs({ "end", "close", "data", "pause", "resume" }) do
        r:on(e, function(c) L(e, c == nil and "" or c) end)
      end
    end,
  },
  { "auto_w", "a Writable is destroyed after 'finish'",
    function(L)
      local w = Writable.new({
        autoDestroy = true,
        write = function(_, d, _, cb) L("write", d); cb(nil) end,
        destroy = function(_, err, cb) L("_destroy", errtext(err)); cb() end,
      })
      w:write("hello"); w:write("world"); w:finish()
      for _, e in ipairs({ "finish", "close", "prefinish" }) do w:on(e, function() L(e) end) end
    end,
  },
  { "auto_t", "a Transform is destroyed after 'end' and 'finish'",
    function(L)
      local t = Transform.new({
        autoDestroy = true,
        transform = function(_, d, _, cb) cb(nil, d) end,
        destroy = function(_, err, cb) L("_destroy", errtext(err)); cb() end,
      })
      t:write("hello"); t:write("world"); t:finish(); t:resume()
      for _, e in ipairs({ "end", "finish", "close", "prefinish" }) do t:on(e, function() L(e) end) end
    end,
  },
  { "pipe_dest_destroyed", "a pipe's destination destroyed from the source's _read",
    function(L)
      local w
      local r = Readable.new({ read = function() L("read"); w:destroy({ message = "fail" }) end })
      w = Writable.new({ autoDestroy = true, destroy = function(_, err, cb) L("_destroy", errtext(err)); cb() end })
      w:on("error", function(e) L("error", errtext(e)) end)
      w:on("close", function() L("close") end)
      w:on("unpipe", function() L("unpipe") end)
      r:on("close", function() L("r-close") end)
      r:pipe(w)
      helper.setTimeout(function() L("r flowing", r.readableFlowing, "destroyed", r.destroyed) end, 5)
    end,
  },
}

local node = twin.run("test/twins/readable/auto_destroy.js")

describe("test-stream-auto-destroy", function()
  helper.twin_cases(cases, node, "test/twins/readable/auto_destroy.js")
  helper.twin_covers(cases, node)
end)
