-- test-stream-compose-operator.js (Node 20's test/parallel/), translated; sequences from
-- test/twins/operators/compose_operator.js. See spec/README.md.
-- r:compose(s[, opts]): stream.compose(r, s) read through Readable.from, as
-- Node's stream operators are. Node's async generator stage is a Lua function
-- returning a coroutine.wrap iterator over source:iter(); its `throw` is error().

local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local Readable, Writable, Duplex, Transform, PassThrough =
  stream.Readable, stream.Writable, stream.Duplex, stream.Transform, stream.PassThrough
local errtext = helper.errtext
local function gen(f) return function(src) return coroutine.wrap(function() f(src) end) end end
local function E(m) return { message = m } end

local cases = {
  { "generator", "a generator stage joins pairs of chunks",
    function(L)
      local s = Readable.from({ "a", "b", "c", "d" }):compose(gen(function(src)
        local str = ""
        for c in src:iter() do
          str = str .. c
          if #str == 2 then coroutine.yield(str); str = "" end
        end
      end))
      L(s.readableObjectMode, s.readableHighWaterMark, s.readable, s.write == nil and "undefined" or type(s.write))
      s:on("data", function(c) L("data", c) end)
      s:on("end", function() L("end") end)
      s:on("close", function() L("close") end)
    end,
  },
  { "transform", "a Transform stage",
    function(L)
      local s = Readable.from({ "a", "b", "c", "d" }):compose(Transform.new({ objectMode = true,
        transform = function(_, c, _, cb) L("t", c); cb(nil, c) end }))
      s:on("data", function(c) L("data", c) end)
      s:on("end", function() L("end") end)
    end,
  },
  { "throw_before", "a stage raising before it waits",
    function(L)
      local s = Readable.from({ 1, 2, 3 }):compose(gen(function() error(E"boom") end))
      s:on("data", function(c) L("data", c) end)
      s:on("error", function(e) L("error", errtext(e)) end)
      s:on("close", function() L("close") end)
    end,
  },
  { "throw_mid", "a stage raising while it reads",
    function(L)
      local s = Readable.from({ 1, 2, 3, 4, 5 }):compose(gen(function(src)
        for c in src:iter() do
          if c == 3 then error(E"boom") end
          coroutine.yield(c)
        end
      end))
      s:toArray(function(e, a) if e then L("rejected", errtext(e)) else L("arr", table.concat(a, ",")) end end)
    end,
  },
  { "throw_after", "a stage raising once it has read everything",
    function(L)
      local s = Readable.from({ 1, 2, 3 }):compose(gen(function(src)
        for _ in src:iter() do end
        error(E"boom")
      end))
      s:toArray(function(e, a) if e then L("rejected", errtext(e)) else L("arr", table.concat(a, ",")) end end)
    end,
  },
  { "arguments", "a stream that is not writable, options that are not a table",
    function(L)
      local ok, e = pcall(function() return Readable.from({ 1 }):compose(Readable.new({ read = function() end })) end)
      if ok then L("ok") else L("throw", errtext(e)) end
      ok, e = pcall(function() return Readable.from({ 1 }):compose(PassThrough.new(), 5) end)
      if ok then L("ok") else L("throw", errtext(e)) end
    end,
  },
  { "signal_unread", "an abort destroys the composed Duplex; unread, the result hears nothing",
    function(L)
      local ac = stream.AbortController.new()
      local s = Readable.from({ 1, 2, 3 }):compose(PassThrough.new({ objectMode = true }), { signal = ac.signal })
      s:on("error", function(e) L("error", errtext(e)) end)
      s:on("close", function() L("close") end)
      ac:abort()
      helper.setTimeout(function() L("destroyed", s.destroyed) end, 5)
    end,
  },
  { "signal_reading", "an abort while it is read reaches the result",
    function(L)
      local ac = stream.AbortController.new()
      local src = Readable.new({ objectMode = true, read = function() end })
      local s = src:compose(PassThrough.new({ objectMode = true }), { signal = ac.signal })
      s:on("data", function(c) L("data", c); ac:abort() end)
      s:on("error", function(e) L("error", errtext(e)) end)
      s:on("close", function() L("close") end)
      src:on("close", function() L("src close") end)
      src:push(1); src:push(2)
    end,
  },
}

local node = twin.run("test/twins/operators/compose_operator.js")

describe("test-stream-compose-operator", function()
  helper.twin_cases(cases, node, "test/twins/operators/compose_operator.js")
  helper.twin_covers(cases, node)
end)
