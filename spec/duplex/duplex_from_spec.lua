-- Duplex.from (Node 20's duplexify.js): test/parallel/test-stream-duplex-from.js,
-- translated; what it leaves out is in duplex_from_beyond_node_spec.lua. Each
-- case's sequence is what node v20 printed for the same case of the JS twin
-- test/twins/duplex/duplex_from.js, read from its .expected (spec/twin.lua).
--
-- Lua stand-ins: Node's async generator function is a Lua function returning
-- a coroutine.wrap iterator over source:iter(); Node's async function is a Lua
-- function that waits (here on helper.tick(), Node's `await null`) before it
-- returns or raises. Promises and Blobs have no Lua counterpart.

local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local Readable, Writable, Duplex = stream.Readable, stream.Writable, stream.Duplex

local ALL = { "end", "finish", "close", "error" }
local function collector(L)
  return Writable.new({ write = function(_, c, _, cb) L("write:" .. c); cb() end })
end

local cases = {
  { "pair_readable", "a { readable } pair reads the stream; the writable side is off",
    function(L)
      local d = Duplex.from({ readable = helper.push_asd() })
      L(helper.sides(d))
      d:once("readable", function() L("read:" .. tostring(d:read())) end)
      d:once("end", function() L("end readable=" .. tostring(d.readable)) end)
      helper.watch(d, L, { "finish", "close", "error" })
    end,
  },

  { "from_readable", "a Readable-only stream is wrapped the same way",
    function(L)
      local d = Duplex.from(helper.push_asd())
      L(helper.sides(d))
      d:once("readable", function() L("read:" .. tostring(d:read())) end)
      d:once("end", function() L("end readable=" .. tostring(d.readable)) end)
      helper.watch(d, L, { "finish", "close", "error" })
    end,
  },

  { "from_writable", "a Writable-only stream: writes reach it, 'finish' follows its own",
    function(L)
      local d = Duplex.from(collector(L))
      L(helper.sides(d))
      d:finish("asd")
      d:on("finish", function() L("finish writable=" .. tostring(d.writable)) end)
      helper.watch(d, L, { "end", "close", "error" })
    end,
  },

  { "pair_writable", "a { writable } pair",
    function(L)
      local d = Duplex.from({ writable = collector(L) })
      L(helper.sides(d))
      d:finish("asd")
      d:on("finish", function() L("finish writable=" .. tostring(d.writable)) end)
      helper.watch(d, L, { "end", "close", "error" })
    end,
  },

  { "pair_both", "a { readable, writable } pair has both sides and closes after both",
    function(L)
      local d = Duplex.from({ readable = helper.push_asd(), writable = collector(L) })
      L(helper.sides(d))
      d:once("readable", function() L("read:" .. tostring(d:read())) end)
      d:once("end", function() L("end readable=" .. tostring(d.readable)) end)
      d:finish("asd")
      d:once("finish", function() L("finish writable=" .. tostring(d.writable)) end)
      helper.watch(d, L, { "close", "error" })
    end,
  },

  { "pipeline_lines", "a function stage inside pipeline splits lines across chunks (nodejs/node#40497)",
    function(L)
      stream.pipeline(
        { "abc\ndef\nghi" },
        Duplex.from(function(source)
          return coroutine.wrap(function()
            local rest = ""
            for chunk in source:iter() do
              local text = rest .. tostring(chunk)
              rest = text:match("([^\n]*)$")
              for line in text:gmatch("([^\n]*)\n") do coroutine.yield(line) end
            end
            coroutine.yield(rest)
          end)
        end),
        function(source)
          local ret = ""
          for x in source:iter() do ret = ret .. x end
          L("ret=" .. ret)
        end,
        function(err) L("cb " .. helper.errtext(err)) end)
    end,
  },

  { "same_duplex", "a Duplex is returned as it is",
    function(L)
      local d = Duplex.new()
      L("same=" .. tostring(Duplex.from(d) == d))
    end,
  },

  { "fn_rejects", "a function that waits and then raises is a rejected async function: 'error'",
    function(L)
      local d = Duplex.from(function()
        helper.tick()
        error("myCustomError", 0)
      end)
      L(helper.sides(d))
      helper.watch(d, L, helper.with({ "prefinish" }, ALL))
    end,
  },

  { "fn_throws_at_once", "a function that raises before waiting raises from Duplex.from",
    function(L)
      helper.throws(L, "", Duplex.from, function() error(helper.E("sync")) end)
    end,
  },

  { "fn_void", "a function returning nil without waiting is ERR_INVALID_RETURN_VALUE",
    function(L)
      helper.throws(L, "", Duplex.from, function() end)
    end,
  },

  { "pair_readable_data", "a pair's readable data reaches 'data'",
    function(L)
      local d = Duplex.from({ readable = Readable.new({
        read = function(self) self:push("hello"); self:push(nil) end }) })
      helper.watch(d, L, helper.with({ "data" }, ALL))
      L(helper.sides(d))
    end,
  },

  { "pair_writable_write", "a pair's writable gets what is written",
    function(L)
      local d = Duplex.from({ writable = Writable.new({
        write = function(_, c) L("write:" .. c) end }) })
      d:write("hello")
      L(helper.sides(d))
      helper.watch(d, L, ALL)
    end,
  },

  { "pair_pipe_self", "a pair piped into itself",
    function(L)
      local d = Duplex.from({
        readable = Readable.new({ read = function(self) self:push("hello"); self:push(nil) end }),
        writable = Writable.new({ write = function(_, c) L("write:" .. c) end }),
      })
      d:pipe(d)
        :on("data", function(c) L("data:" .. c, helper.sides(d)) end)
        :on("end", function() L("end") end)
      helper.watch(d, L, { "finish", "close", "error" })
    end,
  },

  { "readable_throws", "an error raised in the wrapped stream's _read reaches the Duplex",
    function(L)
      local d = Duplex.from(Readable.new({ read = function() error(helper.E("error!")) end }))
      helper.watch(d, L, helper.with({ "data" }, ALL))
    end,
  },

  { "writable_cb_error", "a write error of the wrapped stream reaches the Duplex",
    function(L)
      local d = Duplex.from(Writable.new({ write = function(_, _, _, cb) cb("error!") end }))
      helper.watch(d, L, ALL)
      d:write("test", function(e) L("write cb " .. helper.errtext(e)) end)
    end,
  },
}

-- What node v20 printed for each case (test/twins/duplex/duplex_from.js).
local node = twin.run("test/twins/duplex/duplex_from.js")

describe("Duplex.from (test-stream-duplex-from.js)", function()
  helper.twin_cases(cases, node, "test/twins/duplex/duplex_from.js")
end)

describe("the JS twin (test/twins/duplex/duplex_from.js)", function()
  helper.twin_covers(cases, node)
end)
