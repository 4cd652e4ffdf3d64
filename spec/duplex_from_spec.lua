-- Duplex.from (Node 20's duplexify.js), duplexPair, the default highWaterMarks,
-- isErrored and isDisturbed.
--
-- The Duplex.from cases retell test/parallel/test-stream-duplex-from.js, then
-- cover what it leaves out. Each case's `node` sequence is what node v20 printed
-- for the same case in test/twins/duplex/duplex_from.js; the last spec runs
-- that twin again (when node is installed) and checks that it still prints
-- exactly these sequences.
--
-- Lua stand-ins: Node's async generator function is a Lua function returning
-- a coroutine.wrap iterator over source:iter(); Node's async function is a Lua
-- function that waits (here on tick(), Node's `await null`) before it returns
-- or raises. Promises and Blobs have no Lua counterpart.

local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local Readable, Writable, Duplex = stream.Readable, stream.Writable, stream.Duplex
local Transform, PassThrough = stream.Transform, stream.PassThrough

-- The twins' log(...): the arguments tostring'd, joined by spaces.
local function recorder()
  local log, L = helper.line_recorder()
  return log, L
end

-- The named events of s: 'data' as data:<chunk>, 'error' as error:<code or
-- message>, others by name (the twins' watch).
local function watch(s, L, names)
  for _, ev in ipairs(names) do
    if ev == "data" then
      s:on("data", function(c) L("data:" .. tostring(c)) end)
    elseif ev == "error" then
      s:on("error", function(e) L("error:" .. helper.errtext(e)) end)
    else
      s:on(ev, function() L(ev) end)
    end
  end
  return s
end

local ALL = { "end", "finish", "close", "error" }
local function with(first, rest)
  local t = {}
  for _, v in ipairs(first) do t[#t + 1] = v end
  for _, v in ipairs(rest) do t[#t + 1] = v end
  return t
end

local function sides(d)
  return "readable=" .. tostring(d.readable) .. " writable=" .. tostring(d.writable)
end

local function pushAsd()
  return Readable.new({ read = function(self) self:push("asd"); self:push(nil) end })
end

local function collector(L)
  return Writable.new({ write = function(_, c, _, cb) L("write:" .. c); cb() end })
end

-- Node's `await null` inside an async function: suspends the running
-- coroutine until the next tick.
local function tick()
  local co = coroutine.running()
  stream.nextTick(function() assert(coroutine.resume(co)) end)
  coroutine.yield()
end

-- Runs fn(...) and logs what it raised as "<prefix>throw:<code or message>".
local function throws(L, prefix, fn, ...)
  local ok, e = pcall(fn, ...)
  if ok then L(prefix .. "ok") else L(prefix .. "throw:" .. helper.errtext(e)) end
end

local cases = {
  { "pair_readable", "a { readable } pair reads the stream; the writable side is off",
    function(L)
      local d = Duplex.from({ readable = pushAsd() })
      L(sides(d))
      d:once("readable", function() L("read:" .. tostring(d:read())) end)
      d:once("end", function() L("end readable=" .. tostring(d.readable)) end)
      watch(d, L, { "finish", "close", "error" })
    end,
    { "readable=true writable=false", "read:asd", "end readable=false", "close" } },

  { "from_readable", "a Readable-only stream is wrapped the same way",
    function(L)
      local d = Duplex.from(pushAsd())
      L(sides(d))
      d:once("readable", function() L("read:" .. tostring(d:read())) end)
      d:once("end", function() L("end readable=" .. tostring(d.readable)) end)
      watch(d, L, { "finish", "close", "error" })
    end,
    { "readable=true writable=false", "read:asd", "end readable=false", "close" } },

  { "from_writable", "a Writable-only stream: writes reach it, 'finish' follows its own",
    function(L)
      local d = Duplex.from(collector(L))
      L(sides(d))
      d:finish("asd")
      d:on("finish", function() L("finish writable=" .. tostring(d.writable)) end)
      watch(d, L, { "end", "close", "error" })
    end,
    { "readable=false writable=true", "write:asd", "finish writable=false", "close" } },

  { "pair_writable", "a { writable } pair",
    function(L)
      local d = Duplex.from({ writable = collector(L) })
      L(sides(d))
      d:finish("asd")
      d:on("finish", function() L("finish writable=" .. tostring(d.writable)) end)
      watch(d, L, { "end", "close", "error" })
    end,
    { "readable=false writable=true", "write:asd", "finish writable=false", "close" } },

  { "pair_both", "a { readable, writable } pair has both sides and closes after both",
    function(L)
      local d = Duplex.from({ readable = pushAsd(), writable = collector(L) })
      L(sides(d))
      d:once("readable", function() L("read:" .. tostring(d:read())) end)
      d:once("end", function() L("end readable=" .. tostring(d.readable)) end)
      d:finish("asd")
      d:once("finish", function() L("finish writable=" .. tostring(d.writable)) end)
      watch(d, L, { "close", "error" })
    end,
    { "readable=true writable=true", "write:asd", "read:asd", "finish writable=false",
      "end readable=false", "close" } },

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
    { "ret=abcdefghi", "cb nil" } },

  { "same_duplex", "a Duplex is returned as it is",
    function(L)
      local d = Duplex.new()
      L("same=" .. tostring(Duplex.from(d) == d))
    end,
    { "same=true" } },

  { "fn_rejects", "a function that waits and then raises is a rejected async function: 'error'",
    function(L)
      local d = Duplex.from(function()
        tick()
        error("myCustomError", 0)
      end)
      L(sides(d))
      watch(d, L, with({ "prefinish" }, ALL))
    end,
    { "readable=false writable=true", "error:myCustomError", "close" } },

  { "fn_throws_at_once", "a function that raises before waiting raises from Duplex.from",
    function(L)
      throws(L, "", Duplex.from, function() error(helper.E("sync")) end)
    end,
    { "throw:sync" } },

  { "fn_void", "a function returning nil without waiting is ERR_INVALID_RETURN_VALUE",
    function(L)
      throws(L, "", Duplex.from, function() end)
    end,
    { "throw:ERR_INVALID_RETURN_VALUE" } },

  { "pair_readable_data", "a pair's readable data reaches 'data'",
    function(L)
      local d = Duplex.from({ readable = Readable.new({
        read = function(self) self:push("hello"); self:push(nil) end }) })
      watch(d, L, with({ "data" }, ALL))
      L(sides(d))
    end,
    { "readable=true writable=false", "data:hello", "end", "close" } },

  { "pair_writable_write", "a pair's writable gets what is written",
    function(L)
      local d = Duplex.from({ writable = Writable.new({
        write = function(_, c) L("write:" .. c) end }) })
      d:write("hello")
      L(sides(d))
      watch(d, L, ALL)
    end,
    { "write:hello", "readable=false writable=true" } },

  { "pair_pipe_self", "a pair piped into itself",
    function(L)
      local d = Duplex.from({
        readable = Readable.new({ read = function(self) self:push("hello"); self:push(nil) end }),
        writable = Writable.new({ write = function(_, c) L("write:" .. c) end }),
      })
      d:pipe(d)
        :on("data", function(c) L("data:" .. c, sides(d)) end)
        :on("end", function() L("end") end)
      watch(d, L, { "finish", "close", "error" })
    end,
    { "write:hello", "data:hello readable=true writable=true", "end" } },

  { "readable_throws", "an error raised in the wrapped stream's _read reaches the Duplex",
    function(L)
      local d = Duplex.from(Readable.new({ read = function() error(helper.E("error!")) end }))
      watch(d, L, with({ "data" }, ALL))
    end,
    { "error:error!", "close" } },

  { "writable_cb_error", "a write error of the wrapped stream reaches the Duplex",
    function(L)
      local d = Duplex.from(Writable.new({ write = function(_, _, _, cb) cb("error!") end }))
      watch(d, L, ALL)
      d:write("test", function(e) L("write cb " .. helper.errtext(e)) end)
    end,
    { "error:error!", "close" } },

  { "string_body", "a string is one chunk of a Duplex whose writable side is off",
    function(L)
      local d = Duplex.from("abc")
      L(sides(d), "writableEnded=" .. tostring(d.writableEnded),
        "objectMode=" .. tostring(d.readableObjectMode))
      watch(d, L, with({ "data" }, ALL))
    end,
    { "readable=true writable=false writableEnded=true objectMode=true", "data:abc", "end", "close" } },

  { "string_body_write", "writing to it is a write after end",
    function(L)
      local d = Duplex.from("abc")
      watch(d, L, with({ "data" }, ALL))
      d:write("x", function(e) L("write cb " .. helper.errtext(e)) end)
    end,
    { "write cb ERR_STREAM_WRITE_AFTER_END", "error:ERR_STREAM_WRITE_AFTER_END", "close" } },

  { "array_body", "an array table, read one element at a time (highWaterMark 1)",
    function(L)
      local d = Duplex.from({ "a", "b", "c" })
      L(sides(d), "hwm=" .. tostring(d.readableHighWaterMark))
      watch(d, L, with({ "data" }, ALL))
    end,
    { "readable=true writable=false hwm=1", "data:a", "data:b", "data:c", "end", "close" } },

  { "iterator_body", "an iterator (a callable table; Node: a generator object)",
    function(L)
      local items, i = { "a", "b" }, 0
      local it = setmetatable({}, { __call = function() i = i + 1; return items[i] end })
      local d = Duplex.from(it)
      L(sides(d))
      watch(d, L, with({ "data" }, ALL))
    end,
    { "readable=true writable=false", "data:a", "data:b", "end", "close" } },

  { "transform_from", "Transform.from and PassThrough.from are Duplex.from; Readable.from is not",
    function(L)
      local t, p, r = Transform.from({ "a" }), PassThrough.from({ "a" }), Readable.from({ "a" })
      L("Transform.from Transform=" .. tostring(Transform:isInstance(t)) ..
        " Duplex=" .. tostring(Duplex:isInstance(t)) .. " " .. sides(t))
      L("PassThrough.from PassThrough=" .. tostring(PassThrough:isInstance(p)) ..
        " Duplex=" .. tostring(Duplex:isInstance(p)) .. " " .. sides(p))
      L("Readable.from Duplex=" .. tostring(Duplex:isInstance(r)) ..
        " write=" .. (r.write == nil and "undefined" or type(r.write)))
    end,
    { "Transform.from Transform=false Duplex=true readable=true writable=false",
      "PassThrough.from PassThrough=false Duplex=true readable=true writable=false",
      "Readable.from Duplex=false write=undefined" } },

  { "fn_generator", "a generator stage: one chunk in flight, each write's callback once it is taken",
    function(L)
      local d = Duplex.from(function(source)
        return coroutine.wrap(function()
          for c in source:iter() do coroutine.yield(tostring(c):upper()) end
        end)
      end)
      L(sides(d), "objectMode=" .. tostring(d.readableObjectMode) .. "/" .. tostring(d.writableObjectMode),
        "hwm=" .. d.readableHighWaterMark .. "/" .. d.writableHighWaterMark)
      watch(d, L, with({ "data", "prefinish" }, ALL))
      L("write a " .. tostring(d:write("a", function(e) L("cb a " .. helper.errtext(e)) end)))
      L("write b " .. tostring(d:write("b", function(e) L("cb b " .. helper.errtext(e)) end)))
      d:finish()
    end,
    { "readable=true writable=true objectMode=true/true hwm=1/1", "write a false", "write b false",
      "data:A", "cb a nil", "data:B", "cb b nil", "prefinish", "end", "finish", "close" } },

  { "fn_sink", "a waiting function is a sink: writable only, 'finish' once it returns",
    function(L)
      local d = Duplex.from(function(source)
        local s = ""
        for c in source:iter() do s = s .. c end
        L("sink got " .. s)
      end)
      L(sides(d), "objectMode=" .. tostring(d.writableObjectMode), "hwm=" .. d.writableHighWaterMark)
      watch(d, L, with({ "prefinish" }, ALL))
      d:write("a", function(e) L("cb a " .. helper.errtext(e)) end)
      d:write("b", function(e) L("cb b " .. helper.errtext(e)) end)
      d:finish()
    end,
    { "readable=false writable=true objectMode=true hwm=16", "cb a nil", "cb b nil", "sink got ab",
      "prefinish", "finish", "close" } },

  { "fn_sink_value", "a sink returning a value fails at the end with ERR_INVALID_RETURN_VALUE",
    function(L)
      local d = Duplex.from(function(source)
        for c in source:iter() do L("got " .. c) end
        return 5
      end)
      watch(d, L, with({ "prefinish" }, ALL))
      d:finish("a")
    end,
    { "got a", "error:ERR_INVALID_RETURN_VALUE", "close" } },

  { "fn_returns_duplex", "a function returning a Duplex gives that Duplex",
    function(L)
      local inner = PassThrough.new()
      L("same=" .. tostring(Duplex.from(function() return inner end) == inner))
    end,
    { "same=true" } },

  { "fn_returns_readable", "a function returning a Readable: its data is the readable side",
    function(L)
      local d = Duplex.from(function() return pushAsd() end)
      L(sides(d))
      watch(d, L, with({ "data" }, ALL))
    end,
    { "readable=true writable=true", "data:asd", "end" } },

  { "destroy_pair", "destroy() aborts both sides of a pair, then errors with ABORT_ERR",
    function(L)
      local r = Readable.new({ read = function() end })
      local w = Writable.new({ write = function(_, _, _, cb) cb() end })
      watch(r, function(e) L("r " .. e) end, { "error", "close" })
      watch(w, function(e) L("w " .. e) end, { "error", "close" })
      local d = Duplex.from({ readable = r, writable = w })
      watch(d, L, ALL)
      d:destroy()
    end,
    { "w error:ABORT_ERR", "w close", "r error:ABORT_ERR", "r close", "error:ABORT_ERR", "close" } },

  { "inner_error", "an error of one side destroys the Duplex, not the other side",
    function(L)
      local r = Readable.new({ read = function() end })
      local w = Writable.new({ write = function(_, _, _, cb) cb() end })
      watch(w, function(e) L("w " .. e) end, { "error", "close" })
      local d = Duplex.from({ readable = r, writable = w })
      watch(d, L, ALL)
      r:destroy(helper.E("boom"))
    end,
    { "error:boom", "close" } },

  { "pair_backpressure", "a pair's writable side waits for the stream's 'drain'",
    function(L)
      local w = Writable.new({
        highWaterMark = 1,
        write = function(_, c, _, cb) L("write:" .. c); helper.setTimeout(cb, 1) end,
      })
      local d = Duplex.from({ writable = w })
      watch(d, L, with({ "drain", "prefinish" }, ALL))
      for _, c in ipairs({ "a", "b", "c" }) do
        L("write " .. c .. " " .. tostring(d:write(c, function(e) L("cb " .. c .. " " .. helper.errtext(e)) end)))
      end
      d:finish()
    end,
    { "write:a", "write a true", "write b true", "write c true", "write:b", "cb a nil", "write:c",
      "cb b nil", "cb c nil", "prefinish", "finish", "close" } },

  { "pair_object_mode", "each side takes its stream's object mode",
    function(L)
      local r = Readable.new({ objectMode = true, read = function() end })
      local w = Writable.new({ objectMode = true, write = function(_, c, _, cb) L("write:" .. c.n); cb() end })
      local d = Duplex.from({ readable = r, writable = w })
      L("objectMode=" .. tostring(d.readableObjectMode) .. "/" .. tostring(d.writableObjectMode))
      d:on("data", function(c) L("data:" .. c.n) end)
      watch(d, L, ALL)
      d:write({ n = 1 })
      r:push({ n = 2 })
      r:push(nil)
      d:finish()
    end,
    { "objectMode=true/true", "write:1", "data:2", "end", "finish", "close" } },

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
      watch(d, L, with({ "data", "prefinish" }, ALL))
      for _, c in ipairs({ "a", "b", "c" }) do
        d:write(c, function(e) L("cb " .. c .. " " .. helper.errtext(e)) end)
      end
      d:finish(function() L("end cb") end)
    end,
    { "data:a1", "data:a2", "cb a nil", "data:b1", "data:b2", "cb b nil", "data:c1", "data:c2",
      "cb c nil", "data:tail", "prefinish", "end", "end cb", "finish", "close" } },

  { "fn_ignores_source", "a stage that never reads its source: writes wait for ever",
    function(L)
      local d = Duplex.from(function() return { "x", "y" } end)
      watch(d, L, with({ "data", "prefinish" }, ALL))
      L("write a " .. tostring(d:write("a", function(e) L("cb a " .. helper.errtext(e)) end)))
      d:finish()
    end,
    { "write a false", "data:x", "data:y", "end" } },

  { "fn_destroy_midway", "destroy() closes the stage's generator; a pending write fails",
    function(L)
      local d
      d = Duplex.from(function(source)
        return coroutine.wrap(function()
          local _ <close> = setmetatable({}, { __close = function() L("generator closed") end })
          for c in source:iter() do coroutine.yield(c) end
        end)
      end)
      watch(d, L, with({ "prefinish" }, ALL))
      d:on("data", function(c) L("data:" .. c); d:destroy() end)
      d:write("a", function(e) L("cb a " .. helper.errtext(e)) end)
      d:write("b", function(e) L("cb b " .. helper.errtext(e)) end)
    end,
    { "data:a", "generator closed", "cb a nil", "cb b ERR_STREAM_DESTROYED", "end", "close" } },

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
      watch(d, L, with({ "data", "prefinish" }, ALL))
      d:write("a", function(e) L("cb a " .. helper.errtext(e)) end)
      d:write("b", function(e) L("cb b " .. helper.errtext(e)) end)
      d:finish()
    end,
    { "data:a", "data:after", "cb a nil", "end" } },

  { "fn_destroy_taking", "destroyed while the stage is taking a chunk: it takes it, then closes",
    function(L)
      local d = Duplex.from(function(source)
        return coroutine.wrap(function()
          local _ <close> = setmetatable({}, { __close = function() L("generator closed") end })
          for c in source:iter() do
            L("stage got " .. c)
            coroutine.yield(c .. "!")
          end
        end)
      end)
      watch(d, L, with({ "data" }, ALL))
      d:write("a", function(e) L("cb a " .. helper.errtext(e)) end)
      d:write("b", function(e) L("cb b " .. helper.errtext(e)) end)
      stream.nextTick(function() d:destroy() end)
    end,
    { "stage got a", "generator closed", "cb a nil", "cb b ERR_STREAM_DESTROYED", "close" } },

  { "fn_end_then_destroy", "destroyed after end(): the stage still sees the end, and 'end' comes",
    function(L)
      local d = Duplex.from(function(source)
        return coroutine.wrap(function()
          for c in source:iter() do coroutine.yield(c) end
        end)
      end)
      watch(d, L, with({ "data" }, ALL))
      d:finish(function() L("end cb") end)
      stream.nextTick(function() d:destroy() end)
    end,
    { "end cb", "end", "close" } },

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
      watch(d, L, with({ "data" }, ALL))
      stream.nextTick(function() d:write("a", function(e) L("cb a " .. helper.errtext(e)) end) end)
      stream.nextTick(function() d:write("b", function(e) L("cb b " .. helper.errtext(e)) end) end)
      stream.nextTick(function() d:destroy() end)
    end,
    { "stage got a", "cb a nil", "cb b ERR_STREAM_DESTROYED", "close" } },

  { "fn_sink_destroyed", "destroying a waiting sink: a chunk written before is never handed to it",
    function(L)
      local d = Duplex.from(function(source)
        for c in source:iter() do L("sink got " .. c) end
        L("sink done")
      end)
      watch(d, L, with({ "prefinish" }, ALL))
      L("write " .. tostring(d:write("bc", function(e) L("cb bc " .. helper.errtext(e)) end)))
      d:destroy()
    end,
    { "write true", "close", "cb bc nil" } },

  { "readable_from_generator_destroyed", "Readable.from: destroy() closes a generator suspended at a yield",
    function(L)
      local r
      r = Readable.from(coroutine.wrap(function()
        local _ <close> = setmetatable({}, { __close = function() L("generator closed") end })
        coroutine.yield("a")
        coroutine.yield("b")
      end))
      r:on("data", function(c) L("data:" .. c); r:destroy() end)
      watch(r, L, { "end", "close", "error" })
    end,
    -- Node's from() pushes the end after the destroying push: 'end' comes.
    { "data:a", "generator closed", "end", "close" } },

  { "bad_args", "what cannot become a Duplex raises Node's codes",
    function(L)
      throws(L, "number ", Duplex.from, 1)
      throws(L, "boolean ", Duplex.from, true)
      throws(L, "nil ", Duplex.from, nil)
      throws(L, "readable 1 ", Duplex.from, { readable = 1 })
      throws(L, "fn 5 ", Duplex.from, function() return 5 end)
    end,
    { "number throw:ERR_INVALID_ARG_TYPE", "boolean throw:ERR_INVALID_ARG_TYPE",
      "nil throw:ERR_INVALID_ARG_TYPE", "readable 1 throw:ERR_INVALID_ARG_TYPE",
      "fn 5 throw:ERR_INVALID_RETURN_VALUE" } },
}

describe("Duplex.from (test-stream-duplex-from.js)", function()
  for _, c in ipairs(cases) do
    local name, desc, fn, expected = c[1], c[2], c[3], c[4]
    it(name .. ": " .. desc, function()
      local log, L = recorder()
      fn(L)
      helper.settle()
      assert.are.same(expected, log)
    end)
  end
end)

-- duplexPair, the default highWaterMarks, isDisturbed/isErrored; their twin
-- is test/twins/duplex/utilities.js.
local EV = { "data", "prefinish", "finish", "end", "close", "error" }

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
  watch(r, L, { "data", "end", "close" })
  fn(r)
  helper.setImmediate(function() L("later " .. state(r)) end)
end

local function prefixed(L, p) return function(e) L(p .. " " .. e) end end

local function readAll(L, client)
  local characters = ""
  client:on("readable", function()
    while true do
      local segment = client:read()
      if segment == nil then break end
      characters = characters .. segment
    end
  end)
  client:on("end", function() L("end " .. string.format("%q", characters):gsub("\\\n", "\\n")) end)
end

local utilities = {
  { "pair_two_sides", "duplexPair returns two distinct Duplexes",
    function(L)
      local a, b = stream.duplexPair()
      L("Duplex=" .. tostring(Duplex:isInstance(a)) .. "/" .. tostring(Duplex:isInstance(b)) ..
        " distinct=" .. tostring(a ~= b))
    end,
    { "Duplex=true/true distinct=true" } },

  { "pair_write_reaches_other", "what one side writes the other reads; no 'end' without end()",
    function(L)
      local client, server = stream.duplexPair()
      watch(client, prefixed(L, "client"), EV)
      server:write("foo")
    end,
    { "client data:foo" } },

  { "pair_end_reaches_other", "ending one side ends the other's readable side",
    function(L)
      local client, server = stream.duplexPair()
      watch(server, prefixed(L, "server"), EV)
      watch(client, prefixed(L, "client"), EV)
      client:finish("foo")
    end,
    { "server data:foo", "server end", "client prefinish", "client finish" } },

  { "pair_corked", "corked writes arrive in order, then the end",
    function(L)
      local server, client = stream.duplexPair()
      server:cork()
      server:write("abc")
      server:write("12")
      server:finish("\n")
      server:uncork()
      readAll(L, client)
    end,
    { 'end "abc12\\n"' } },

  { "pair_empty_writes", "empty writes do not wait for a read that never comes",
    function(L)
      local server, client = stream.duplexPair()
      server:write("")
      server:write("12")
      server:write("")
      server:write("")
      server:finish("\n")
      readAll(L, client)
    end,
    { 'end "12\\n"' } },

  { "pair_callbacks", "a write's callback waits for the reader; both sides end and close",
    function(L)
      local a, b = stream.duplexPair({ highWaterMark = 1 })
      watch(a, prefixed(L, "a"), EV)
      watch(b, prefixed(L, "b"), EV)
      L("write x " .. tostring(a:write("x", function(e) L("cb x " .. helper.errtext(e)) end)))
      L("write y " .. tostring(a:write("y", function(e) L("cb y " .. helper.errtext(e)) end)))
      a:finish(function() L("a end cb") end)
      b:finish()
    end,
    { "write x false", "write y false", "cb x nil", "b data:x", "cb y nil", "b data:y", "a end",
      "b prefinish", "b end", "a prefinish", "b finish", "a end cb", "a finish", "b close", "a close" } },

  { "pair_object_mode", "options go to both sides",
    function(L)
      local a, b = stream.duplexPair({ objectMode = true })
      b:on("data", function(o) L("data n=" .. o.n) end)
      a:write({ n = 1 })
      a:write({ n = 2 })
    end,
    { "data n=1", "data n=2" } },

  { "default_hwm", "setDefaultHighWaterMark applies to streams made afterwards",
    function(L)
      L("defaults " .. stream.getDefaultHighWaterMark(false) .. " " .. stream.getDefaultHighWaterMark(true))
      stream.setDefaultHighWaterMark(false, 32 * 1000)
      stream.setDefaultHighWaterMark(true, 32)
      L("set " .. stream.getDefaultHighWaterMark(false) .. " " .. stream.getDefaultHighWaterMark(true))
      local t = Transform.new({ transform = function() end })
      L("w " .. Writable.new({ write = function() end }).writableHighWaterMark,
        "r " .. Readable.new({ read = function() end }).readableHighWaterMark,
        "t " .. t.writableHighWaterMark .. "/" .. t.readableHighWaterMark,
        "objects " .. Readable.new({ objectMode = true }).readableHighWaterMark,
        "explicit " .. Readable.new({ highWaterMark = 3 }).readableHighWaterMark,
        "from " .. Readable.from({ 1 }).readableHighWaterMark)
      stream.setDefaultHighWaterMark(false, 16384)
      stream.setDefaultHighWaterMark(true, 16)
      L("restored " .. Readable.new().readableHighWaterMark .. " " ..
        Readable.new({ objectMode = true }).readableHighWaterMark)
    end,
    { "defaults 16384 16", "set 32000 32", "w 32000 r 32000 t 32000/32000 objects 32 explicit 3 from 1",
      "restored 16384 16" } },

  { "default_hwm_validation", "the value is validated as Node's validateInteger(value, 'value', 0)",
    function(L)
      for _, c in ipairs({ { "-1", -1 }, { "1.5", 1.5 }, { "NaN", 0 / 0 }, { "Infinity", math.huge },
                           { "string", "16" }, { "nil", nil }, { "boolean", true },
                           { "2^53", 2 ^ 53 }, { "2^53-1", 2 ^ 53 - 1 }, { "0", 0 } }) do
        local ok, e = pcall(stream.setDefaultHighWaterMark, false, c[2])
        L(c[1] .. " " .. (ok and "ok" or e.code) .. " " .. stream.getDefaultHighWaterMark(false))
      end
      stream.setDefaultHighWaterMark(false, 16384)
    end,
    { "-1 ERR_OUT_OF_RANGE 16384", "1.5 ERR_OUT_OF_RANGE 16384", "NaN ERR_OUT_OF_RANGE 16384",
      "Infinity ERR_OUT_OF_RANGE 16384", "string ERR_INVALID_ARG_TYPE 16384",
      "nil ERR_INVALID_ARG_TYPE 16384", "boolean ERR_INVALID_ARG_TYPE 16384",
      "2^53 ERR_OUT_OF_RANGE 16384", "2^53-1 ok 9007199254740991", "0 ok 0" } },

  { "didread_read", "read() of an empty stream is no read",
    function(L) didRead(L, table.pack(nil), function(r) r:read() end) end,
    { "didRead=false disturbed=false errored=false", "end", "close",
      "later didRead=false disturbed=false errored=false" } },

  { "didread_resume", "resume() of an empty stream is no read",
    function(L) didRead(L, table.pack(nil), function(r) r:resume() end) end,
    { "didRead=false disturbed=false errored=false", "end", "close",
      "later didRead=false disturbed=false errored=false" } },

  { "didread_destroy", "destroy() disturbs (aborted) without an error",
    function(L) didRead(L, table.pack(nil), function(r) r:destroy() end) end,
    { "didRead=false disturbed=false errored=false", "close",
      "later didRead=false disturbed=true errored=false" } },

  { "didread_destroy_error", "destroy(err) disturbs and errors",
    function(L) didRead(L, table.pack(nil), function(r) r:destroy(helper.E("x")) end) end,
    { "didRead=false disturbed=false errored=false", "error errored=true", "close",
      "later didRead=false disturbed=true errored=true" } },

  { "didread_data", "a 'data' listener reads",
    function(L) didRead(L, table.pack("data", nil), function(r) r:on("data", function() end) end) end,
    { "didRead=false disturbed=false errored=false", "data:data", "end", "close",
      "later didRead=true disturbed=true errored=false" } },

  { "didread_data_off", "a 'data' listener removed at once still started the reading",
    function(L)
      local function noop() end
      didRead(L, table.pack("data", nil), function(r) r:on("data", noop); r:off("data", noop) end)
    end,
    { "didRead=false disturbed=false errored=false", "data:data", "end", "close",
      "later didRead=true disturbed=true errored=false" } },

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
    { "w errored=false disturbed=false", "nil false false table false false",
      "d error errored=true disturbed=true", "w error errored=true disturbed=false" } },
}

describe("duplexPair, default highWaterMarks, isDisturbed, isErrored", function()
  for _, c in ipairs(utilities) do
    local name, desc, fn, expected = c[1], c[2], c[3], c[4]
    it(name .. ": " .. desc, function()
      finally(function()
        stream.setDefaultHighWaterMark(false, 16384)
        stream.setDefaultHighWaterMark(true, 16)
      end)
      local log, L = recorder()
      fn(L)
      helper.settle()
      assert.are.same(expected, log)
    end)
  end
end)

describe("the JS twins (test/twins/duplex/)", function()
  it("node v20 prints every sequence asserted above", function()
    local got = twin.run("test/twins/duplex/duplex_from.js")
    if not got then return pending("node is not installed") end
    for _, c in ipairs(cases) do
      local expected = c[4]
      assert.are.same(expected, got[c[1]], c[1])
    end
  end)

  it("node v20 prints every utility sequence asserted above (test/twins/duplex/utilities.js)", function()
    local got = twin.run("test/twins/duplex/utilities.js")
    if not got then return pending("node is not installed") end
    for _, c in ipairs(utilities) do
      assert.are.same(c[4], got[c[1]], c[1])
    end
  end)
end)
