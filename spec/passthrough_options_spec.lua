-- A PassThrough calls a transform or flush given to it, as Node's does (its
-- constructor is Transform's): as options, as subclass methods, or as fields
-- set on the instance (even after writing began). Without any, chunks pass
-- in C. A final option does not stop _flush: Transform's own 'prefinish'
-- listener runs it once the user's final is done.
--
-- Each case's sequence is what node v20 printed for the same case in
-- test/twins/duplex/passthrough_options.js; the last spec runs that twin again
-- (when node is installed) and checks it still prints exactly these.

local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local PassThrough, Transform = stream.PassThrough, stream.Transform

local EV = { "data", "prefinish", "finish", "end", "close", "error" }


local cases = {
  { "flush_option", "a flush option runs at the end and its data is the last chunk",
    function(L)
      local p = helper.watch(PassThrough.new({ flush = function(_, cb) L("flush"); cb(nil, "F") end }), L, EV)
      p:finish("a")
    end,
    { "data:a", "flush", "data:F", "prefinish", "end", "finish", "close" } },

  { "flush_error", "a flush error is the stream's 'error' (no 'end', no 'finish')",
    function(L)
      local p = helper.watch(PassThrough.new({ flush = function(_, cb) cb(helper.E("boom")) end }), L, EV)
      p:finish("a")
    end,
    { "data:a", "error:boom", "close" } },

  { "flush_push", "flush may push, then hand a last chunk to its callback",
    function(L)
      local p = helper.watch(PassThrough.new({
        flush = function(self, cb) self:push("x"); self:push("y"); cb(nil, "z") end,
      }), L, EV)
      p:write("a")
      p:finish("b")
    end,
    { "data:a", "data:b", "data:x", "data:y", "data:z", "prefinish", "end", "finish", "close" } },

  { "transform_option", "a transform option replaces passing through",
    function(L)
      local p = helper.watch(PassThrough.new({
        transform = function(_, c, e, cb) L("transform " .. c .. " " .. e); cb(nil, c:upper()) end,
      }), L, EV)
      p:write("a")
      p:finish("b")
    end,
    { "transform a buffer", "data:A", "transform b buffer", "data:B", "prefinish", "end", "finish",
      "close" } },

  { "transform_error", "a transform option's error fails the write",
    function(L)
      local p = helper.watch(PassThrough.new({
        transform = function(_, c, _, cb) cb(helper.E("bad " .. c)) end,
      }), L, EV)
      p:write("a", function(e) L("cb " .. helper.errtext(e)) end)
    end,
    { "cb bad a", "error:bad a", "close" } },

  { "subclass_methods", "a subclass's _transform and _flush are called",
    function(L)
      local P = PassThrough:extend()
      function P:_transform(c, _, cb) cb(nil, "x" .. c) end
      function P:_flush(cb) self:push("end"); cb() end
      local p = helper.watch(P.new(), L, EV)
      p:finish("a")
    end,
    { "data:xa", "data:end", "prefinish", "end", "finish", "close" } },

  { "subclass_super", "a subclass may call PassThrough._transform, which passes the chunk on",
    function(L)
      local P = PassThrough:extend()
      function P:_transform(c, e, cb)
        L("mine " .. c)
        PassThrough._transform(self, c, e, cb)
      end
      local p = helper.watch(P.new(), L, EV)
      p:finish("a")
    end,
    { "mine a", "data:a", "prefinish", "end", "finish", "close" } },

  { "instance_fields", "_transform and _flush set on the instance after construction",
    function(L)
      local p = PassThrough.new()
      p._transform = function(_, c, _, cb) cb(nil, "i" .. c) end
      p._flush = function(_, cb) cb(nil, "IF") end
      helper.watch(p, L, EV)
      p:finish("a")
    end,
    { "data:ia", "data:IF", "prefinish", "end", "finish", "close" } },

  { "instance_field_midway", "a _transform set after the first write applies to the next one",
    function(L)
      local p = helper.watch(PassThrough.new(), L, EV)
      p:write("a")
      p._transform = function(_, c, _, cb) cb(nil, "late " .. c) end
      p:finish("b")
    end,
    { "data:a", "data:late b", "prefinish", "end", "finish", "close" } },

  { "instance_field_removed", "removing the instance's _transform passes chunks through again",
    function(L)
      local p = PassThrough.new({ transform = function(_, c, _, cb) cb(nil, "opt " .. c) end })
      helper.watch(p, L, EV)
      p:write("a")
      p._transform = nil
      p:finish("b")
    end,
    { "data:opt a", "data:b", "prefinish", "end", "finish", "close" } },

  { "final_and_flush", "with a final option, flush still runs, after final",
    function(L)
      local p = helper.watch(PassThrough.new({
        final = function(_, cb) L("final"); cb() end,
        flush = function(_, cb) L("flush"); cb(nil, "F") end,
      }), L, EV)
      p:finish("a")
    end,
    { "data:a", "final", "flush", "data:F", "prefinish", "end", "finish", "close" } },

  { "final_and_flush_error", "with a final option, a flush error destroys (and 'finish' still comes)",
    function(L)
      local p = helper.watch(PassThrough.new({
        final = function(_, cb) L("final"); cb() end,
        flush = function(_, cb) L("flush"); cb(helper.E("fe")) end,
      }), L, EV)
      p:finish("a")
    end,
    { "data:a", "final", "flush", "prefinish", "error:fe", "close", "finish" } },

  { "final_late_transform", "a Transform's flush waits for a final that calls back later",
    function(L)
      local t = helper.watch(Transform.new({
        transform = function(_, c, _, cb) cb(nil, c) end,
        final = function(_, cb)
          L("final")
          helper.setTimeout(function() L("final cb"); cb() end, 5)
        end,
        flush = function(_, cb) L("flush"); cb(nil, "F") end,
      }), L, EV)
      t:finish("a")
    end,
    { "data:a", "final", "final cb", "flush", "data:F", "prefinish", "end", "finish", "close" } },

  { "flush_object_mode", "an object-mode flush hands on any value",
    function(L)
      local p = PassThrough.new({ objectMode = true, flush = function(_, cb) cb(nil, { n = 2 }) end })
      p:on("data", function(c) L("data:" .. (type(c) == "table" and "n=" .. c.n or tostring(c))) end)
      helper.watch(p, L, { "end", "close", "error" })
      p:finish({ n = 1 })
    end,
    { "data:n=1", "data:n=2", "end", "close" } },

  { "prototype_method", "PassThrough has its own _transform and no _flush",
    function(L)
      L("PassThrough _transform " .. type(PassThrough._transform) ..
        " _flush " .. (PassThrough._flush == nil and "undefined" or type(PassThrough._flush)))
    end,
    { "PassThrough _transform function _flush undefined" } },
}

describe("PassThrough with transform/flush (transform.js, passthrough.js)", function()
  for _, c in ipairs(cases) do
    local name, desc, fn, expected = c[1], c[2], c[3], c[4]
    it(name .. ": " .. desc, function()
      local log, L = helper.line_recorder()
      fn(L)
      helper.settle()
      assert.are.same(expected, log)
    end)
  end
end)

describe("the JS twin (test/twins/duplex/passthrough_options.js)", function()
  it("node v20 prints every sequence asserted above", function()
    local got = twin.run("test/twins/duplex/passthrough_options.js")
    if not got then return pending("node is not installed") end
    for _, c in ipairs(cases) do
      assert.are.same(c[4], got[c[1]], c[1])
    end
  end)
end)
