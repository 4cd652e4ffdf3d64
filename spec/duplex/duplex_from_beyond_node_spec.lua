-- Duplex.from (Node 20's duplexify.js) beyond test-stream-duplex-from.js:
-- strings, arrays and iterators as bodies, generator and sink stages,
-- destroy while a stage runs, object mode, backpressure, bad arguments. Each
-- case's sequence is what node v20 printed for the same case of the JS twin
-- test/twins/duplex/duplex_from.js, read from its .expected (spec/twin.lua).
-- Stand-ins as in duplex_from_spec.lua.

local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local Readable, Writable, Duplex = stream.Readable, stream.Writable, stream.Duplex
local Transform, PassThrough = stream.Transform, stream.PassThrough

local ALL = { "end", "finish", "close", "error" }
local cases = {
  { "string_body", "a string is one chunk of a Duplex whose writable side is off",
    function(L)
      local d = Duplex.from("abc")
      L(helper.sides(d), "writableEnded=" .. tostring(d.writableEnded),
        "objectMode=" .. tostring(d.readableObjectMode))
      helper.watch(d, L, helper.with({ "data" }, ALL))
    end,
  },

  { "string_body_write", "writing to it is a write after end",
    function(L)
      local d = Duplex.from("abc")
      helper.watch(d, L, helper.with({ "data" }, ALL))
      d:write("x", function(e) L("write cb " .. helper.errtext(e)) end)
    end,
  },

  { "array_body", "an array table, read one element at a time (highWaterMark 1)",
    function(L)
      local d = Duplex.from({ "a", "b", "c" })
      L(helper.sides(d), "hwm=" .. tostring(d.readableHighWaterMark))
      helper.watch(d, L, helper.with({ "data" }, ALL))
    end,
  },

  { "iterator_body", "an iterator (a callable table; Node: a generator object)",
    function(L)
      local items, i = { "a", "b" }, 0
      local it = setmetatable({}, { __call = function() i = i + 1; return items[i] end })
      local d = Duplex.from(it)
      L(helper.sides(d))
      helper.watch(d, L, helper.with({ "data" }, ALL))
    end,
  },

  { "transform_from", "Transform.from and PassThrough.from are Duplex.from; Readable.from is not",
    function(L)
      local t, p, r = Transform.from({ "a" }), PassThrough.from({ "a" }), Readable.from({ "a" })
      L("Transform.from Transform=" .. tostring(Transform:isInstance(t)) ..
        " Duplex=" .. tostring(Duplex:isInstance(t)) .. " " .. helper.sides(t))
      L("PassThrough.from PassThrough=" .. tostring(PassThrough:isInstance(p)) ..
        " Duplex=" .. tostring(Duplex:isInstance(p)) .. " " .. helper.sides(p))
      L("Readable.from Duplex=" .. tostring(Duplex:isInstance(r)) ..
        " write=" .. (r.write == nil and "undefined" or type(r.write)))
    end,
  },

  { "fn_generator", "a generator stage: one chunk in flight, each write's callback once it is taken",
    function(L)
      local d = Duplex.from(function(source)
        return coroutine.wrap(function()
          for c in source:iter() do coroutine.yield(tostring(c):upper()) end
        end)
      end)
      L(helper.sides(d), "objectMode=" .. tostring(d.readableObjectMode) .. "/" .. tostring(d.writableObjectMode),
        "hwm=" .. d.readableHighWaterMark .. "/" .. d.writableHighWaterMark)
      helper.watch(d, L, helper.with({ "data", "prefinish" }, ALL))
      L("write a " .. tostring(d:write("a", function(e) L("cb a " .. helper.errtext(e)) end)))
      L("write b " .. tostring(d:write("b", function(e) L("cb b " .. helper.errtext(e)) end)))
      d:finish()
    end,
  },

  { "fn_sink", "a waiting function is a sink: writable only, 'finish' once it returns",
    function(L)
      local d = Duplex.from(function(source)
        local s = ""
        for c in source:iter() do s = s .. c end
        L("sink got " .. s)
      end)
      L(helper.sides(d), "objectMode=" .. tostring(d.writableObjectMode), "hwm=" .. d.writableHighWaterMark)
      helper.watch(d, L, helper.with({ "prefinish" }, ALL))
      d:write("a", function(e) L("cb a " .. helper.errtext(e)) end)
      d:write("b", function(e) L("cb b " .. helper.errtext(e)) end)
      d:finish()
    end,
  },

  { "fn_sink_value", "a sink returning a value fails at the end with ERR_INVALID_RETURN_VALUE",
    function(L)
      local d = Duplex.from(function(source)
        for c in source:iter() do L("got " .. c) end
        return 5
      end)
      helper.watch(d, L, helper.with({ "prefinish" }, ALL))
      d:finish("a")
    end,
  },

  { "fn_returns_duplex", "a function returning a Duplex gives that Duplex",
    function(L)
      local inner = PassThrough.new()
      L("same=" .. tostring(Duplex.from(function() return inner end) == inner))
    end,
  },

  { "fn_returns_readable", "a function returning a Readable: its data is the readable side",
    function(L)
      local d = Duplex.from(function() return helper.push_asd() end)
      L(helper.sides(d))
      helper.watch(d, L, helper.with({ "data" }, ALL))
    end,
  },

  { "destroy_pair", "destroy() aborts both sides of a pair, then errors with ABORT_ERR",
    function(L)
      local r = Readable.new({ read = function() end })
      local w = Writable.new({ write = function(_, _, _, cb) cb() end })
      helper.watch(r, function(e) L("r " .. e) end, { "error", "close" })
      helper.watch(w, function(e) L("w " .. e) end, { "error", "close" })
      local d = Duplex.from({ readable = r, writable = w })
      helper.watch(d, L, ALL)
      d:destroy()
    end,
  },

  { "inner_error", "an error of one side destroys the Duplex, not the other side",
    function(L)
      local r = Readable.new({ read = function() end })
      local w = Writable.new({ write = function(_, _, _, cb) cb() end })
      helper.watch(w, function(e) L("w " .. e) end, { "error", "close" })
      local d = Duplex.from({ readable = r, writable = w })
      helper.watch(d, L, ALL)
      r:destroy(helper.E("boom"))
    end,
  },

  { "pair_backpressure", "a pair's writable side waits for the stream's 'drain'",
    function(L)
      local w = Writable.new({
        highWaterMark = 1,
        write = function(_, c, _, cb) L("write:" .. c); helper.setTimeout(cb, 1) end,
      })
      local d = Duplex.from({ writable = w })
      helper.watch(d, L, helper.with({ "drain", "prefinish" }, ALL))
      for _, c in ipairs({ "a", "b", "c" }) do
        L("write " .. c .. " " .. tostring(d:write(c, function(e) L("cb " .. c .. " " .. helper.errtext(e)) end)))
      end
      d:finish()
    end,
  },

  { "pair_object_mode", "each side takes its stream's object mode",
    function(L)
      local r = Readable.new({ objectMode = true, read = function() end })
      local w = Writable.new({ objectMode = true, write = function(_, c, _, cb) L("write:" .. c.n); cb() end })
      local d = Duplex.from({ readable = r, writable = w })
      L("objectMode=" .. tostring(d.readableObjectMode) .. "/" .. tostring(d.writableObjectMode))
      d:on("data", function(c) L("data:" .. c.n) end)
      helper.watch(d, L, ALL)
      d:write({ n = 1 })
      r:push({ n = 2 })
      r:push(nil)
      d:finish()
    end,
  },

  { "fn_generator_expand", "a generator stage yielding two chunks per chunk and one at the end",
    function(L)
      local d = Duplex.from(function(source)
        return coroutine.wrap(function()
          for c in source:iter() do
            coroutine.yield(c .. "1")
            coroutine.yield(c .. "2")
          end
          coroutine.yield("tail")
        end)
      end)
      helper.watch(d, L, helper.with({ "data", "prefinish" }, ALL))
      for _, c in ipairs({ "a", "b", "c" }) do
        d:write(c, function(e) L("cb " .. c .. " " .. helper.errtext(e)) end)
      end
      d:finish(function() L("end cb") end)
    end,
  },

  { "fn_ignores_source", "a stage that never reads its source: writes wait for ever",
    function(L)
      local d = Duplex.from(function() return { "x", "y" } end)
      helper.watch(d, L, helper.with({ "data", "prefinish" }, ALL))
      L("write a " .. tostring(d:write("a", function(e) L("cb a " .. helper.errtext(e)) end)))
      d:finish()
    end,
  },

  { lua54 = true, "fn_destroy_midway", "destroy() closes the stage's generator; a pending write fails",
    function(L)
      local d
      d = Duplex.from(function(source)
        return coroutine.wrap(helper.closing(function()
          for c in source:iter() do coroutine.yield(c) end
        end, function() L("generator closed") end))
      end)
      helper.watch(d, L, helper.with({ "prefinish" }, ALL))
      d:on("data", function(c) L("data:" .. c); d:destroy() end)
      d:write("a", function(e) L("cb a " .. helper.errtext(e)) end)
      d:write("b", function(e) L("cb b " .. helper.errtext(e)) end)
    end,
  },

  { "fn_break", "a stage that stops reading its source early: the writable side never finishes",
    function(L)
      local d = Duplex.from(function(source)
        return coroutine.wrap(function()
          for c in source:iter() do
            coroutine.yield(c)
            break
          end
          coroutine.yield("after")
        end)
      end)
      helper.watch(d, L, helper.with({ "data", "prefinish" }, ALL))
      d:write("a", function(e) L("cb a " .. helper.errtext(e)) end)
      d:write("b", function(e) L("cb b " .. helper.errtext(e)) end)
      d:finish()
    end,
  },

  { lua54 = true, "fn_destroy_taking", "destroyed while the stage is taking a chunk: it takes it, then closes",
    function(L)
      local d = Duplex.from(function(source)
        return coroutine.wrap(helper.closing(function()
          for c in source:iter() do
            L("stage got " .. c)
            coroutine.yield(c .. "!")
          end
        end, function() L("generator closed") end))
      end)
      helper.watch(d, L, helper.with({ "data" }, ALL))
      d:write("a", function(e) L("cb a " .. helper.errtext(e)) end)
      d:write("b", function(e) L("cb b " .. helper.errtext(e)) end)
      stream.nextTick(function() d:destroy() end)
    end,
  },

  { "fn_end_then_destroy", "destroyed after end(): the stage still sees the end, and 'end' comes",
    function(L)
      local d = Duplex.from(function(source)
        return coroutine.wrap(function()
          for c in source:iter() do coroutine.yield(c) end
        end)
      end)
      helper.watch(d, L, helper.with({ "data" }, ALL))
      d:finish(function() L("end cb") end)
      stream.nextTick(function() d:destroy() end)
    end,
  },

  { "fn_written_then_destroy", "destroyed after writes: the stage still takes the chunk handed over",
    function(L)
      local d = Duplex.from(function(source)
        return coroutine.wrap(function()
          for c in source:iter() do
            L("stage got " .. c)
            coroutine.yield(c)
          end
        end)
      end)
      helper.watch(d, L, helper.with({ "data" }, ALL))
      stream.nextTick(function() d:write("a", function(e) L("cb a " .. helper.errtext(e)) end) end)
      stream.nextTick(function() d:write("b", function(e) L("cb b " .. helper.errtext(e)) end) end)
      stream.nextTick(function() d:destroy() end)
    end,
  },

  { "fn_sink_destroyed", "destroying a waiting sink: a chunk written before is never handed to it",
    function(L)
      local d = Duplex.from(function(source)
        for c in source:iter() do L("sink got " .. c) end
        L("sink done")
      end)
      helper.watch(d, L, helper.with({ "prefinish" }, ALL))
      L("write " .. tostring(d:write("bc", function(e) L("cb bc " .. helper.errtext(e)) end)))
      d:destroy()
    end,
  },

  { lua54 = true, "readable_from_generator_destroyed", "Readable.from: destroy() closes a generator suspended at a yield",
    function(L)
      local r
      r = Readable.from(coroutine.wrap(helper.closing(function()
        coroutine.yield("a")
        coroutine.yield("b")
      end, function() L("generator closed") end)))
      r:on("data", function(c) L("data:" .. c); r:destroy() end)
      helper.watch(r, L, { "end", "close", "error" })
    end,
    -- Node's from() pushes the end after the destroying push: 'end' comes.
  },

  { "bad_args", "what cannot become a Duplex raises Node's codes",
    function(L)
      helper.throws(L, "number ", Duplex.from, 1)
      helper.throws(L, "boolean ", Duplex.from, true)
      helper.throws(L, "nil ", Duplex.from, nil)
      helper.throws(L, "readable 1 ", Duplex.from, { readable = 1 })
      helper.throws(L, "fn 5 ", Duplex.from, function() return 5 end)
    end,
  },
}

-- What node v20 printed for each case (test/twins/duplex/duplex_from.js).
local node = twin.run("test/twins/duplex/duplex_from.js")

describe("Duplex.from beyond test-stream-duplex-from.js", function()
  helper.twin_cases(cases, node, "test/twins/duplex/duplex_from.js", function(c)
    if c.lua54 and not helper.TBC then
      pending("needs Lua 5.4's to-be-closed variables (coroutine.close)")
    end
  end)
end)
