-- pipe()/unpipe(), translated from Node 20's own tests (test/parallel/
-- test-stream-pipe-*.js, test-stream2-pipe-error-*.js, test-stream-unpipe-event.js,
-- test-stream2-unpipe-*.js, test-stream-end-paused.js, test-stream-big-*.js).
-- Each describe is named after the Node test file it translates. Every expected
-- sequence below is what node v20 printed for a JS twin of the spec (the twins
-- live outside the repository). Node's tests that use the legacy Stream.pipe
-- (test-stream-pipe-cleanup, -error-handling, -event, -without-listenerCount)
-- are translated to Readable/Writable, which is what cstream's pipe serves, and
-- their twins were rewritten the same way. Internal state the Node tests peek at
-- (_readableState.pipes, awaitDrain) becomes the listener counts and events it
-- implies. An error left without a listener ends the process (API.md section 4),
-- so those cases run in a child lua5.4.

local uv = require("luv")
local helper = require("spec.helper")
local stream = require("cstream")
local Readable = stream.Readable
local Writable = stream.Writable
local Transform = stream.Transform
local PassThrough = stream.PassThrough

-- Runs the loop until it ends by itself, then checks that nothing is left open.
local finish = helper.settle

-- Node's setTimeout/setImmediate: a luv timer that closes itself, made from a
-- tick because Node runs every tick the main script queued before any timer.
local setTimeout, setImmediate = helper.setTimeout, helper.setImmediate
local nextTick = helper.nextTick
local put = helper.put
local s = helper.nullstr

-- Listener counts of s for the given events, joined as the twins print them.
local SRC = { "end", "data", "close", "error", "readable" }
local DST = { "close", "finish", "drain", "error", "unpipe" }
local function LC(st, names)
  local out = {}
  for i, n in ipairs(names) do out[i] = st:listenerCount(n) end
  return table.concat(out, ",")
end

-- Node's _readableState.awaitDrainWriters as the twins print it. cstream keeps
-- it in the source's Lua field _awaitDrain (lua/cstream/init.lua): nil, the one
-- destination, or a set of destinations once there are several pipes.
local function AW(src, w)
  local a = src._awaitDrain
  if a == nil then return "null" end
  if a == w then return "w" end
  if type(a) == "table" then
    local n = 0
    for _ in pairs(a) do n = n + 1 end
    return "set" .. n
  end
  return "?"
end

local function zeros(n) return string.rep("\0", n) end

local writeOk, noop = helper.write_ok, helper.noop

-- Runs a Lua chunk in a child lua5.4 (same module paths) and returns its
-- stdout+stderr and exit code: for errors that end the process as in Node.
local function child(src)
  local path = os.tmpname()
  local f = assert(io.open(path, "w"))
  f:write(src)
  f:close()
  -- The paths passed on, not inherited: `luarocks test` sets none.
  local p = assert(io.popen(("LUA_PATH_5_4='%s' LUA_CPATH_5_4='%s' lua5.4 %s 2>&1")
    :format(package.path, package.cpath, path)))
  local out = p:read("a")
  local _, _, rc = p:close()
  os.remove(path)
  return out, rc
end

-- The report of an error that ended the child: luv's "Uncaught Error: msg" when
-- raised inside a luv callback, the interpreter's "lua5.4: msg" when uv.run()
-- itself raised it (ticks the main chunk queued are drained as uv.run starts).
local function uncaught(out, msg)
  return out:find("Uncaught Error: " .. msg, 1, true) ~= nil
    or out:find("lua5.4: " .. msg, 1, true) ~= nil
end

local CHILD_PRELUDE = [[
local uv = require("luv")
local stream = require("cstream")
local Readable, Writable = stream.Readable, stream.Writable
io.stdout:setvbuf("no")
]]

describe("test-stream-pipe-after-end", function()
  it("piping a Readable that already ended still ends the destination", function()
    local log = {}
    local TestReadable = Readable:extend()
    function TestReadable:initialize() self.ended_ = false end
    function TestReadable:_read()
      if self.ended_ then self:emit("error", "_read called twice") end
      self.ended_ = true
      self:push(nil)
    end
    local TestWritable = Writable:extend()
    function TestWritable:initialize() self.written = {} end
    function TestWritable:_write(chunk, _, cb)
      self.written[#self.written + 1] = chunk
      cb()
    end
    local ender = TestReadable.new()
    local piper = TestReadable.new()
    put(log, s(piper:read()))
    piper:on("end", function() put(log, "piper end") end)
    setTimeout(function()
      ender:on("end", function() put(log, "ender end") end)
      put(log, s(ender:read()))
      local w = TestWritable.new()
      w:on("finish", function() put(log, "finish:" .. #w.written) end)
      piper:pipe(w)
      put(log, "piped")
    end, 1)
    finish()
    assert.are.same({ "null", "piper end", "null", "piped", "ender end", "finish:0" }, log)
  end)
end)

describe("test-stream-pipe-await-drain", function()
  it("a slow second destination holds the source for both", function()
    local log = {}
    local reader = Readable.new()
    local writer1 = Writable.new()
    local writer2 = Writable.new()
    local buffer = zeros(560000)
    function reader:_read() end
    function writer1:_write(chunk, _, cb)
      put(log, "w1:" .. #chunk)
      self:emit("chunk-received")
      cb()
    end
    writer1:once("chunk-received", function()
      setImmediate(function()
        put(log, "push2")
        reader:push(buffer)
      end)
    end)
    function writer2:_write(chunk) put(log, "w2:" .. #chunk) end -- never calls back
    reader:pipe(writer1)
    reader:pipe(writer2)
    put(log, reader:push(buffer))
    setTimeout(function()
      put(log, "flowing:" .. tostring(reader.readableFlowing) .. ":" .. reader.readableLength)
    end, 20)
    finish()
    assert.are.same({ false, "w1:560000", "w2:560000", "push2", "flowing:false:560000" }, log)
  end)
end)

describe("test-stream-pipe-await-drain (two slow writers)", function()
  it("the source waits until every destination has drained", function()
    local log = {}
    local reader = Readable.new({ read = noop })
    local cbs = {}
    local function slow(name)
      return Writable.new({
        highWaterMark = 10,
        write = function(_, c, _, cb)
          put(log, name .. ":" .. #c)
          cbs[#cbs + 1] = { name, cb }
        end,
      })
    end
    local w1, w2 = slow("w1"), slow("w2")
    reader:pipe(w1)
    reader:pipe(w2)
    reader:push(zeros(20))
    setImmediate(function()
      put(log, "aw:" .. AW(reader, w1) .. ":" .. tostring(reader:isPaused()))
      reader:push(zeros(5))
      local first = table.remove(cbs, 1)
      put(log, "cb " .. first[1])
      first[2]()
      setImmediate(function()
        put(log, "aw:" .. AW(reader, w1) .. ":" .. tostring(reader:isPaused()))
        local second = table.remove(cbs, 1)
        put(log, "cb " .. second[1])
        second[2]()
        setImmediate(function()
          put(log, "aw:" .. AW(reader, w1) .. ":" .. tostring(reader:isPaused()) .. ":"
            .. reader.readableLength)
          reader:unpipe()
        end)
      end)
    end)
    finish()
    assert.are.same({ "w1:20", "w2:20", "aw:set2:true", "cb w1", "aw:set1:true", "cb w2",
      "w1:5", "w2:5", "aw:set0:false:0" }, log)
  end)
end)

describe("test-stream-pipe-await-drain-manual-resume", function()
  it("resume() while the destination still buffers pauses again, then all flows", function()
    local log = {}
    local writable = Writable.new({ highWaterMark = 5 })
    local buffering, queue = true, {}
    function writable:_write(chunk, _, cb)
      put(log, "write:" .. #chunk)
      if buffering then queue[#queue + 1] = cb else cb() end
    end
    local readable = Readable.new({ read = noop })
    readable:pipe(writable)
    readable:once("pause", function()
      put(log, "pause1")
      nextTick(function()
        put(log, "resume")
        readable:resume()
      end)
      readable:once("pause", function()
        put(log, "pause2:" .. #queue)
        buffering = false
        for _, cb in ipairs(queue) do cb() end
      end)
    end)
    put(log, readable:push(zeros(100)), readable:push(zeros(100)), readable:push(zeros(100)),
      readable:push(nil))
    writable:on("finish", function() put(log, "finish") end)
    readable:on("end", function() put(log, "end") end)
    finish()
    assert.are.same({ true, true, true, false, "write:100", "pause1", "resume", "pause2:1",
      "write:100", "write:100", "end", "finish" }, log)
  end)
end)

describe("test-stream-pipe-await-drain-manual-resume (awaitDrainWriters)", function()
  it("the source waits on the destination at both pauses, on nothing at 'finish'", function()
    local log = {}
    local writable = Writable.new({ highWaterMark = 5 })
    local buffering, queue = true, {}
    function writable:_write(_, _, cb)
      if buffering then queue[#queue + 1] = cb else cb() end
    end
    local readable = Readable.new({ read = noop })
    readable:pipe(writable)
    readable:once("pause", function()
      put(log, "pause1:" .. AW(readable, writable))
      nextTick(function() readable:resume() end)
      readable:once("pause", function()
        put(log, "pause2:" .. AW(readable, writable))
        buffering = false
        for _, cb in ipairs(queue) do cb() end
      end)
    end)
    readable:push(zeros(100))
    readable:push(zeros(100))
    readable:push(zeros(100))
    readable:push(nil)
    writable:on("finish", function() put(log, "finish:" .. AW(readable, writable)) end)
    finish()
    assert.are.same({ "pause1:w", "pause2:w", "finish:null" }, log)
  end)
end)

describe("test-stream-pipe-await-drain-push-while-write", function()
  it("a push above the highWaterMark from inside _write does not stall the pipe", function()
    local log = {}
    local bufs = { zeros(32 * 1024), zeros(33 * 1024) }
    local readable
    readable = Readable.new({
      read = function(self)
        while #bufs > 0 do put(log, "push:" .. tostring(self:push(table.remove(bufs, 1)))) end
      end,
    })
    local writable = Writable.new({
      write = function(_, chunk, _, cb)
        put(log, "write:" .. #chunk)
        if #chunk == 32 * 1024 then
          put(log, "push34k:" .. tostring(readable:push(zeros(34 * 1024))))
        end
        cb()
      end,
    })
    readable:pipe(writable)
    writable:on("drain", function() put(log, "drain") end)
    finish()
    assert.are.same({ "push:false", "push:false", "write:32768", "push34k:false",
      "write:33792", "write:34816" }, log)
  end)

  it("awaits the destination only after the write that overfilled it returns", function()
    local log = {}
    local bufs = { zeros(32 * 1024), zeros(33 * 1024) }
    local readable, writable
    readable = Readable.new({
      read = function(self)
        while #bufs > 0 do self:push(table.remove(bufs, 1)) end
      end,
    })
    writable = Writable.new({
      write = function(_, chunk, _, cb)
        put(log, "write:" .. #chunk .. ":" .. AW(readable, writable))
        if #chunk == 32 * 1024 then
          readable:push(zeros(34 * 1024))
          nextTick(function() put(log, "tick:" .. AW(readable, writable)) end)
        end
        nextTick(cb)
      end,
    })
    readable:pipe(writable)
    writable:on("finish", function() put(log, "finish") end)
    finish()
    assert.are.same({ "write:32768:null", "tick:w", "write:33792:null", "write:34816:null" }, log)
  end)
end)

describe("test-stream-await-drain-writers-in-synchronously-recursion-write", function()
  it("writes made from a 'data' listener of the piped destination all arrive", function()
    local log = {}
    local encode = PassThrough.new({ highWaterMark = 1 })
    local decode = PassThrough.new({ highWaterMark = 1 })
    local function send(b) put(log, "send:" .. b:byte() .. ":" .. tostring(encode:write(b))) end
    local i = 0
    encode:pipe(decode):on("data", function(d)
      put(log, "data:" .. d:byte())
      i = i + 1
      if i == 2 then
        send("\3")
        send("\4")
      end
    end)
    send("\1")
    send("\2")
    finish()
    assert.are.same({ "data:1", "send:1:true", "data:2", "send:3:false", "send:4:false",
      "data:3", "data:4", "send:2:true" }, log)
  end)
end)

describe("test-stream-pipe-cleanup", function()
  it("sources piped with end = false leave no listeners once ended", function()
    local log = {}
    local w = Writable.new({ write = writeOk })
    local endCalls = 0
    local origEnd = w["end"]
    w["end"] = function(...)
      endCalls = endCalls + 1
      return origEnd(...)
    end
    put(log, LC(w, DST))
    local r
    for _ = 1, 10 do
      r = Readable.new({ read = noop })
      r:pipe(w, { ["end"] = false })
      r:push(nil)
      r:resume()
    end
    setImmediate(function() put(log, LC(r, SRC), LC(w, DST), endCalls) end)
    finish()
    assert.are.same({ "0,0,0,0,0", "0,0,0,0,0", "0,0,0,0,0", 0 }, log)
  end)

  it("a destination that closes is unpiped and leaves no listeners", function()
    local log = {}
    local r = Readable.new({ read = noop })
    local w
    for _ = 1, 10 do
      w = Writable.new({ write = writeOk })
      r:pipe(w)
      w:destroy()
    end
    setImmediate(function() put(log, LC(r, SRC), LC(w, DST), r.readableFlowing) end)
    finish()
    assert.are.same({ "0,0,0,0,0", "0,0,0,0,0", false }, log)
  end)

  it("a chain r -> d -> w takes its listeners down stage by stage", function()
    local log = {}
    local r = Readable.new({ read = noop })
    local d = PassThrough.new()
    local w = Writable.new({ write = writeOk })
    put(log, LC(r, SRC), LC(d, SRC), LC(d, DST), LC(w, DST))
    r:pipe(d)
    d:pipe(w)
    put(log, LC(r, SRC), LC(d, SRC), LC(d, DST), LC(w, DST))
    r:push(nil)
    d:on("end", function()
      nextTick(function() put(log, "d end", LC(r, SRC), LC(d, SRC), LC(d, DST), LC(w, DST)) end)
    end)
    w:on("finish", function() put(log, "w finish") end)
    setImmediate(function() put(log, LC(r, SRC), LC(d, SRC), LC(d, DST), LC(w, DST)) end)
    finish()
    assert.are.same({ "0,0,0,0,0", "0,0,0,0,0", "0,0,0,0,0", "0,0,0,0,0",
      "1,1,0,0,0", "1,1,1,1,0", "1,1,0,1,1", "1,1,0,1,1",
      "w finish", "d end", "0,0,0,0,0", "1,0,0,0,0", "0,0,0,0,0", "0,1,0,0,0",
      "0,0,0,0,0", "1,0,0,0,0", "0,0,0,0,0", "0,1,0,0,0" }, log)
  end)
end)

describe("test-stream-pipe-cleanup-pause", function()
  it("unpipe + pipe from inside _write moves the flow to the new destination", function()
    local log = {}
    local reader = Readable.new()
    local writer1 = Writable.new()
    local writer2 = Writable.new()
    local buffer = zeros(560000)
    function reader:_read() end
    function writer1:_write(chunk, _, cb)
      put(log, "w1:" .. #chunk)
      self:emit("chunk-received")
      cb()
    end
    writer1:once("chunk-received", function()
      reader:unpipe(writer1)
      reader:pipe(writer2)
      reader:push(buffer)
      setImmediate(function()
        reader:push(buffer)
        setImmediate(function() reader:push(buffer) end)
      end)
    end)
    function writer2:_write(chunk, _, cb)
      put(log, "w2:" .. #chunk)
      cb()
    end
    reader:pipe(writer1)
    reader:push(buffer)
    finish()
    assert.are.same({ "w1:560000", "w2:560000", "w2:560000", "w2:560000" }, log)
  end)
end)

describe("test-stream-pipe-deadlock", function()
  it("an ended, paused source piped into a full destination still finishes (#48666)", function()
    local log = {}
    local src = Readable.new({ read = noop })
    src:push(zeros(100))
    src:push(nil)
    src:pause()
    setImmediate(function()
      local dst = Writable.new({
        highWaterMark = 1000,
        write = function(_, buf, _, cb)
          put(log, "write:" .. #buf)
          nextTick(cb)
        end,
      })
      put(log, dst:write(zeros(1000)))
      dst:on("finish", function() put(log, "finish") end)
      src:pipe(dst)
    end)
    finish()
    assert.are.same({ "write:1000", false, "write:100", "finish" }, log)
  end)
end)

describe("test-stream-pipe-error-handling", function()
  it("an 'error' listener on the source catches its error", function()
    local log = {}
    local source = Readable.new({ read = noop })
    local dest = Writable.new({ write = writeOk })
    source:pipe(dest)
    source:on("error", function(err) put(log, "got:" .. err) end)
    source:emit("error", "This stream turned into bacon.")
    finish()
    assert.are.same({ "got:This stream turned into bacon." }, log)
  end)

  it("emit('error') on the source without a listener raises", function()
    local source = Readable.new({ read = noop })
    local dest = Writable.new({ write = writeOk })
    source:pipe(dest)
    local ok, err = pcall(source.emit, source, "error", "bacon")
    assert.are.same({ false, "bacon" }, { ok, err })
    finish()
  end)

  it("the destination's own listener, removed after pipe(), no longer catches", function()
    local out, rc = child(CHILD_PRELUDE .. [[
local r, w = Readable.new(), Writable.new()
function r:_read()
  print("_read")
  local t = uv.new_timer()
  t:start(1, 0, function()
    t:close()
    local ok = pcall(w.emit, w, "error", "fail")
    print(ok and "no throw" or "throw")
    print("destroyed:" .. tostring(w.destroyed) .. ":" .. w:listenerCount("error"))
  end)
end
local function myOnError() print("myOnError") end
w:on("error", myOnError)
r:pipe(w)
w:removeListener("error", myOnError)
uv.run()
print("not reached")
]])
    assert.is_truthy(out:find("_read\nno throw\ndestroyed:true:0\n", 1, true), out)
    assert.is_true(uncaught(out, "fail"), out)
    assert.is_nil(out:find("not reached", 1, true), out)
    assert.is_nil(out:find("myOnError", 1, true), out)
    assert.are_not.equal(0, rc)
    finish()
  end)

  it("removing some other listener keeps the user's 'error' listener", function()
    local log = {}
    local r, w = Readable.new(), Writable.new()
    function r:_read()
      put(log, "_read")
      setTimeout(function()
        w:emit("error", "fail")
        put(log, "emitted")
      end, 1)
    end
    w:on("error", function(e) put(log, "onerror:" .. e) end)
    function w:_write() end
    r:pipe(w)
    w:removeListener("error", function() end)
    w:on("close", function() put(log, "close") end)
    finish()
    assert.are.same({ "_read", "onerror:fail", "emitted" }, log)
  end)
end)

describe("test-stream-pipe-error-unhandled", function()
  it("destroying the destination with an error and no listener ends the process", function()
    local out, rc = child(CHILD_PRELUDE .. [[
local r = Readable.new({ read = function(self) self:push("asd") end })
local w = Writable.new({ autoDestroy = true, write = function() end })
r:pipe(w)
w:destroy("asd")
print("sync end")
uv.run()
print("not reached")
]])
    assert.is_truthy(out:find("^sync end\n"), out)
    assert.is_true(uncaught(out, "asd"), out)
    assert.is_nil(out:find("not reached", 1, true), out)
    assert.are_not.equal(0, rc)
    finish()
  end)
end)

describe("test-stream-pipe-event", function()
  it("pipe() emits 'pipe' on the destination synchronously, with the source", function()
    local log = {}
    local w = Writable.new({ write = writeOk })
    local r = Readable.new({ read = noop })
    w:on("pipe", function(src) put(log, "pipe:" .. tostring(src == r)) end)
    r:pipe(w)
    put(log, "after")
    finish()
    assert.are.same({ "pipe:true", "after" }, log)
  end)
end)

describe("test-stream-pipe-flow", function()
  it("a source pushing on ticks flows into an hwm 0 object-mode destination", function()
    local log = {}
    local ticks, writes = 17, 0
    local rs
    rs = Readable.new({
      objectMode = true,
      read = function()
        if ticks > 0 then
          ticks = ticks - 1
          nextTick(function() rs:push({}) end)
          return
        end
        ticks = ticks - 1
        rs:push({})
        rs:push(nil)
      end,
    })
    local ws = Writable.new({
      highWaterMark = 0, objectMode = true,
      write = function(_, _, _, cb)
        writes = writes + 1
        setImmediate(cb)
      end,
    })
    rs:on("end", function() put(log, "end") end)
    ws:on("finish", function() put(log, "finish:" .. writes) end)
    rs:pipe(ws)
    finish()
    assert.are.same({ "end", "finish:" .. 18 }, log)
  end)

  it("two hwm 2 PassThrough stages read through a wrapper do not stall", function()
    local log = {}
    local missing = 8
    local rs
    rs = Readable.new({
      objectMode = true,
      read = function()
        if missing > 0 then
          missing = missing - 1
          rs:push({})
        else
          missing = missing - 1
          rs:push(nil)
        end
      end,
    })
    local pt = rs:pipe(PassThrough.new({ objectMode = true, highWaterMark = 2 }))
      :pipe(PassThrough.new({ objectMode = true, highWaterMark = 2 }))
    local n = 0
    local wrapper
    pt:on("end", function() wrapper:push(nil) end)
    wrapper = Readable.new({
      objectMode = true,
      read = function()
        nextTick(function()
          local data = pt:read()
          if data == nil then
            pt:once("readable", function()
              data = pt:read()
              if data ~= nil then wrapper:push(data) end
            end)
          else
            wrapper:push(data)
          end
        end)
      end,
    })
    wrapper:on("data", function() n = n + 1 end)
    wrapper:resume()
    wrapper:on("end", function() put(log, "end:" .. n) end)
    finish()
    assert.are.same({ "end:8" }, log)
  end)
end)

describe("test-stream-pipe-flow-after-unpipe", function()
  it("unpipe() un-blocks a source waiting on a write that never finishes", function()
    local log = {}
    local reads, writes, chunks = 0, 0, 0
    local rs, ws
    rs = Readable.new({
      highWaterMark = 1,
      read = function()
        reads = reads + 1
        rs:push("foo")
      end,
    })
    ws = Writable.new({
      highWaterMark = 1,
      write = function()
        writes = writes + 1
        setImmediate(function() rs:unpipe(ws) end)
      end,
    })
    rs:on("data", function()
      chunks = chunks + 1
      if chunks >= 20 then rs:pause() end
    end)
    rs:pipe(ws)
    setTimeout(function()
      put(log, "reads>=20:" .. tostring(reads >= 20), "writes:" .. writes,
        "chunks:" .. chunks, rs:isPaused())
    end, 50)
    finish()
    assert.are.same({ "reads>=20:true", "writes:1", "chunks:20", true }, log)
  end)
end)

describe("test-stream-pipe-manual-resume", function()
  local function manual(between)
    local log = {}
    local n = 1000
    local counter, reads, writes = n, 0, 0
    local rs
    rs = Readable.new({
      objectMode = true,
      read = function()
        reads = reads + 1
        counter = counter - 1
        if counter >= 0 then rs:push({ counter = counter }) else rs:push(nil) end
      end,
    })
    local ws = Writable.new({
      objectMode = true,
      write = function(_, _, _, cb)
        writes = writes + 1
        setImmediate(cb)
      end,
    })
    setImmediate(function() between(rs, ws) end)
    rs:pipe(ws)
    ws:on("finish", function() put(log, "finish", reads >= n, writes) end)
    finish(10000)
    return log
  end

  it("a pipe does not stall when read() is called in between", function()
    assert.are.same({ "finish", true, 1000 }, manual(function(rs) rs:read() end))
  end)

  it("a pipe does not stall when resume() is called in between", function()
    assert.are.same({ "finish", true, 1000 }, manual(function(rs) rs:resume() end))
  end)

  it("a pipe does not stall when nothing is called in between", function()
    assert.are.same({ "finish", true, 1000 }, manual(function() end))
  end)
end)

describe("test-stream-pipe-multiple-pipes", function()
  it("one source feeds five destinations; unpiped ones get nothing more", function()
    local log = {}
    local readable = Readable.new({ read = noop })
    local writables = {}
    local function hex(str) return (str:gsub(".", function(c) return ("%02x"):format(c:byte()) end)) end
    for i = 0, 4 do
      local target
      target = Writable.new({
        write = function(_, chunk, _, callback)
          target.output[#target.output + 1] = hex(chunk)
          callback()
        end,
      })
      target.output = {}
      target:on("pipe", function() put(log, "pipe" .. i) end)
      readable:pipe(target)
      writables[#writables + 1] = target
    end
    readable:push("\1\2\3\4\5")
    nextTick(function()
      for i, target in ipairs(writables) do
        put(log, table.concat(target.output, "|"))
        target:on("unpipe", function() put(log, "unpipe" .. (i - 1)) end)
        readable:unpipe(target)
      end
      readable:push("something else")
      readable:push(nil)
      readable:resume()
    end)
    readable:on("end", function()
      put(log, "end")
      for _, t in ipairs(writables) do put(log, table.concat(t.output, "|")) end
    end)
    finish()
    assert.are.same({ "pipe0", "pipe1", "pipe2", "pipe3", "pipe4",
      "0102030405", "unpipe0", "0102030405", "unpipe1", "0102030405", "unpipe2",
      "0102030405", "unpipe3", "0102030405", "unpipe4",
      "end", "0102030405", "0102030405", "0102030405", "0102030405", "0102030405" }, log)
  end)
end)

describe("test-stream-pipe-needDrain", function()
  it("pipe() into a destination that needs drain pauses at once", function()
    local log = {}
    local w = Writable.new({
      write = function(_, _, _, callback) nextTick(callback) end,
      highWaterMark = 1,
    })
    local n = 0
    while w:write("asd") do n = n + 1 end
    put(log, n, w.writableNeedDrain)
    local r = Readable.new({
      read = function(self)
        self:push("asd")
        self:push(nil)
      end,
    })
    r:on("pause", function() put(log, "pause") end)
    r:on("end", function() put(log, "end") end)
    w:on("drain", function() put(log, "drain") end)
    r:pipe(w)
    finish()
    assert.are.same({ 0, true, "pause", "drain", "pause", "end" }, log)
  end)
end)

describe("test-stream-pipe-same-destination-twice", function()
  local function dest(log)
    return Writable.new({
      write = function(_, chunk, _, cb)
        put(log, "write:" .. chunk)
        cb()
      end,
    })
  end

  it("piping twice then unpiping once leaves one pipe", function()
    local log = {}
    local pt = PassThrough.new()
    local d = dest(log)
    pt:pipe(d)
    pt:pipe(d)
    put(log, pt:listenerCount("data"))
    pt:unpipe(d)
    put(log, pt:listenerCount("data"))
    pt:write("foobar")
    pt:pipe(d)
    finish()
    assert.are.same({ 2, 1, "write:foobar" }, log)
  end)

  it("piping twice writes each chunk twice", function()
    local log = {}
    local pt = PassThrough.new()
    local d = dest(log)
    pt:pipe(d)
    pt:pipe(d)
    put(log, pt:listenerCount("data"))
    pt:write("foobar")
    finish()
    assert.are.same({ 2, "write:foobar", "write:foobar" }, log)
  end)

  it("piping twice and unpiping twice writes nothing", function()
    local log = {}
    local pt = PassThrough.new()
    local d = dest(log)
    pt:pipe(d)
    pt:pipe(d)
    pt:unpipe(d)
    pt:unpipe(d)
    put(log, pt:listenerCount("data"))
    pt:write("foobar")
    finish()
    assert.are.same({ 0 }, log)
  end)
end)

describe("test-stream-pipe-unpipe-streams", function()
  it("destinations can be unpiped in the reverse order", function()
    local log = {}
    local source = Readable.new({ read = noop })
    local dest1 = Writable.new({ write = noop })
    local dest2 = Writable.new({ write = noop })
    source:pipe(dest1)
    source:pipe(dest2)
    dest1:on("unpipe", function() put(log, "unpipe1") end)
    dest2:on("unpipe", function() put(log, "unpipe2") end)
    put(log, source:listenerCount("data"))
    source:unpipe(dest2)
    put(log, source:listenerCount("data"))
    source:unpipe(dest2)
    source:unpipe(dest1)
    put(log, source:listenerCount("data"), source.readableFlowing)
    finish()
    assert.are.same({ 2, "unpipe2", 1, "unpipe1", 0, false }, log)
  end)

  it("unpipe() of all destinations cleans up every listener", function()
    local log = {}
    local source = Readable.new({ read = noop })
    local dest1 = Writable.new({ write = noop })
    local dest2 = Writable.new({ write = noop })
    local destCount = 0
    local function check(d, id)
      destCount = destCount + 1
      source:pipe(d)
      local unpipeChecker
      unpipeChecker = function()
        put(log, "unpipe" .. id .. ":" .. d:listenerCount("unpipe"))
        d:removeListener("unpipe", unpipeChecker)
        put(log, LC(d, DST))
        destCount = destCount - 1
        if destCount == 0 then
          put(log, "src:" .. LC(source, { "end", "data" }) .. ":" .. tostring(source.readableFlowing))
        end
      end
      d:on("unpipe", unpipeChecker)
    end
    check(dest1, 1)
    check(dest2, 2)
    source:unpipe()
    finish()
    assert.are.same({ "unpipe1:1", "0,0,0,0,0", "unpipe2:1", "0,0,0,0,0", "src:0,0:false" }, log)
  end)

  it("destroying the source leaves the pipe's listeners in place", function()
    local log = {}
    local src = Readable.new({ read = noop })
    local dest = Writable.new({ write = noop })
    src:pipe(dest)
    src:on("close", function()
      put(log, "close:" .. src:listenerCount("end") .. ":" .. src:listenerCount("data"))
    end)
    src:destroy()
    finish()
    assert.are.same({ "close:1:1" }, log)
  end)
end)

describe("test-stream-pipe-without-listenerCount", function()
  it("errors emitted from a 'pipe' listener reach each stream's own listener", function()
    local log = {}
    local r = Readable.new({ read = noop })
    local w = Writable.new({ write = writeOk })
    w:on("pipe", function()
      r:emit("error", "Readable Error")
      w:emit("error", "Writable Error")
    end)
    r:on("error", function(e) put(log, "r:" .. e) end)
    w:on("error", function(e) put(log, "w:" .. e) end)
    r:pipe(w)
    put(log, "piped:" .. tostring(w.destroyed))
    finish()
    assert.are.same({ "r:Readable Error", "w:Writable Error", "piped:false" }, log)
  end)
end)

describe("test-stream2-pipe-error-handling", function()
  local function setup()
    local count = 1000
    local source = Readable.new()
    function source:_read(n)
      n = math.min(count, n)
      count = count - n
      source:push(zeros(n))
    end
    local seen = {}
    source.unpipe = function(self, d)
      seen.unpipedDest = d
      return Readable.unpipe(self, d)
    end
    local dest = Writable.new()
    function dest:_write(_, _, cb) cb() end
    source:pipe(dest)
    return source, dest, seen
  end

  it("an error on the destination unpipes it and reaches its listener", function()
    local log = {}
    local source, dest, seen = setup()
    dest:on("error", function(err) put(log, "got:" .. err) end)
    dest:on("unpipe", function(src) seen.unpipedSource = src end)
    local ok = pcall(dest.emit, dest, "error", "bacon")
    put(log, ok and "no throw" or "throw")
    put(log, seen.unpipedSource == source, seen.unpipedDest == dest, dest.destroyed)
    finish()
    assert.are.same({ "got:bacon", "no throw", true, true, false }, log)
  end)

  it("without a listener the error destroys the destination and ends the process", function()
    local out, rc = child(CHILD_PRELUDE .. [[
local count = 1000
local source = Readable.new()
function source:_read(n)
  n = math.min(count, n)
  count = count - n
  source:push(string.rep("\0", n))
end
local unpipedDest, unpipedSource
source.unpipe = function(self, d)
  unpipedDest = d
  return Readable.unpipe(self, d)
end
local dest = Writable.new()
function dest:_write(_, _, cb) cb() end
source:pipe(dest)
dest:on("unpipe", function(src) unpipedSource = src end)
local ok = pcall(dest.emit, dest, "error", "bacon")
print(ok and "no throw" or "throw")
print(unpipedSource == source, unpipedDest == dest, dest.destroyed)
uv.run()
print("not reached")
]])
    assert.is_truthy(out:find("^no throw\ntrue\ttrue\ttrue\n"), out)
    assert.is_true(uncaught(out, "bacon"), out)
    assert.is_nil(out:find("not reached", 1, true), out)
    assert.are_not.equal(0, rc)
    finish()
  end)
end)

describe("test-stream2-pipe-error-once-listener", function()
  it("an 'error' emitted from _write with a once listener does not escape", function()
    local log = {}
    local Read = Readable:extend()
    function Read:_read()
      self:push("x")
      self:push(nil)
    end
    local Write = Writable:extend()
    function Write:_write()
      self:emit("error", "boom")
      self:emit("alldone")
    end
    local read, write = Read.new(), Write.new()
    write:once("error", function(e) put(log, "error:" .. e) end)
    write:once("alldone", function() put(log, "alldone") end)
    write:on("close", function() put(log, "close") end)
    read:pipe(write)
    finish()
    assert.are.same({ "error:boom", "alldone" }, log)
  end)
end)

describe("test-stream-unpipe-event", function()
  local NullWriteable = Writable:extend()
  function NullWriteable:_write(_, _, callback) return callback() end
  local QuickEndReadable = Readable:extend()
  function QuickEndReadable:_read() self:push(nil) end
  local NeverEndReadable = Readable:extend()
  function NeverEndReadable:_read() end

  local function case(Src, opts, unpipe)
    local log = {}
    local dest, src = NullWriteable.new(), Src.new()
    dest:on("pipe", function() put(log, "pipe") end)
    dest:on("unpipe", function() put(log, "unpipe") end)
    src:pipe(dest, opts)
    if unpipe then src:unpipe(dest) end
    setImmediate(function() put(log, "data:" .. src:listenerCount("data")) end)
    finish()
    return log
  end

  it("a source that ends unpipes", function()
    assert.are.same({ "pipe", "unpipe", "data:0" }, case(QuickEndReadable))
  end)
  it("a source that never ends stays piped", function()
    assert.are.same({ "pipe", "data:1" }, case(NeverEndReadable))
  end)
  it("unpipe() emits 'unpipe'", function()
    assert.are.same({ "pipe", "unpipe", "data:0" }, case(NeverEndReadable, nil, true))
  end)
  it("end = false: a source that ends still unpipes", function()
    assert.are.same({ "pipe", "unpipe", "data:0" }, case(QuickEndReadable, { ["end"] = false }))
  end)
  it("end = false: a source that never ends stays piped", function()
    assert.are.same({ "pipe", "data:1" }, case(NeverEndReadable, { ["end"] = false }))
  end)
  it("end = false: unpipe() emits 'unpipe'", function()
    assert.are.same({ "pipe", "unpipe", "data:0" },
      case(NeverEndReadable, { ["end"] = false }, true))
  end)
end)

describe("test-stream2-unpipe-drain", function()
  it("unpiping one of two sources from a stuck destination reads each twice", function()
    local log = {}
    local TestWriter = Writable:extend()
    function TestWriter:_write(buffer) put(log, "write:" .. #buffer) end -- never calls back
    local dest = TestWriter.new()
    local TestReader = Readable:extend()
    function TestReader:initialize() self.reads = 0 end
    function TestReader:_read(size)
      self.reads = self.reads + 1
      self:push(zeros(size))
    end
    local src1, src2 = TestReader.new(), TestReader.new()
    src1:pipe(dest)
    src1:once("readable", function()
      nextTick(function()
        src2:pipe(dest)
        src2:once("readable", function()
          nextTick(function() src1:unpipe(dest) end)
        end)
      end)
    end)
    setTimeout(function() put(log, "reads:" .. src1.reads .. ":" .. src2.reads) end, 20)
    finish()
    assert.are.same({ "write:16384", "reads:2:2" }, log)
  end)
end)

describe("test-stream2-unpipe-leak", function()
  it("pipe/unpipe ten times leaves no listeners and the source fills up", function()
    local log = {}
    local TestWriter = Writable:extend()
    function TestWriter:_write(_, _, callback) callback(nil) end
    local dest = TestWriter.new()
    local TestReader = Readable:extend()
    function TestReader:_read() self:push("hallo") end
    local src = TestReader.new({ highWaterMark = 0x10000 })
    for _ = 1, 10 do
      src:pipe(dest)
      src:unpipe(dest)
    end
    put(log, src:listenerCount("end"), src:listenerCount("readable"), src:listenerCount("data"),
      dest:listenerCount("unpipe"), dest:listenerCount("drain"), dest:listenerCount("error"),
      dest:listenerCount("close"), dest:listenerCount("finish"))
    setTimeout(function()
      put(log, src.readableLength >= src.readableHighWaterMark, src.readableLength,
        src.readableFlowing)
    end, 20)
    finish()
    assert.are.same({ 0, 0, 0, 0, 0, 0, 0, 0, true, 65540, false }, log)
  end)
end)

describe("test-stream-end-paused", function()
  it("a paused 0-length stream still emits 'end' once resumed", function()
    local log = {}
    local r = Readable.new()
    function r:_read()
      put(log, "_read")
      self:push(nil)
    end
    r:on("data", function() put(log, "data") end)
    r:pause()
    setTimeout(function()
      r:on("end", function() put(log, "end") end)
      r:resume()
    end, 1)
    finish()
    assert.are.same({ "_read", "end" }, log)
  end)
end)

describe("test-stream-big-push", function()
  it("a push above highWaterMark from _read is returned whole by the next read()", function()
    local log = {}
    local str = "asdfasdfasdfasdfasdf"
    local r = Readable.new({ highWaterMark = 5, encoding = "utf8" })
    local reads = 0
    function r:_read()
      put(log, "_read")
      if reads == 0 then
        setTimeout(function() r:push(str) end, 1)
        reads = reads + 1
      elseif reads == 1 then
        put(log, "push:" .. tostring(r:push(str)))
        reads = reads + 1
      else
        put(log, "eof")
        r:push(nil)
      end
    end
    r:on("end", function() put(log, "end") end)
    put(log, r:push(str))
    put(log, s(r:read()))
    put(log, s(r:read()))
    r:once("readable", function()
      put(log, "readable")
      put(log, s(r:read()))
      put(log, s(r:read()))
    end)
    finish()
    assert.are.same({ false, "_read", str, "null", "readable", "_read", "push:false",
      str .. str, "_read", "eof", "null", "end" }, log)
    assert.are.equal(2, reads)
  end)
end)

describe("test-stream-big-packet", function()
  it("a chunk above highWaterMark is handled whole through a pipe", function()
    local log = {}
    local passed = false
    local PT = Transform:extend()
    function PT:_transform(chunk, _, done)
      self:push(chunk)
      done()
    end
    local TestStream = Transform:extend()
    function TestStream:_transform(chunk, _, done)
      put(log, "t:" .. #chunk)
      if not passed then passed = chunk:find("a", 1, true) ~= nil end
      done()
    end
    local s1, s2, s3 = PT.new(), PT.new(), TestStream.new()
    s1:pipe(s3)
    s2:pipe(s3, { ["end"] = false })
    local big = string.rep("x", s1.writableHighWaterMark + 1)
    put(log, s1:write(big))
    put(log, s2:write("tiny"))
    setImmediate(function() put(log, "later:" .. tostring(s1:write("later"))) end)
    setTimeout(function() put(log, "passed:" .. tostring(passed)) end, 20)
    finish()
    assert.are.same({ "t:16385", true, "t:4", true, "t:5", "later:true", "passed:true" }, log)
  end)
end)

-- Cases Node's tests leave implicit; the expected sequences come from twins all
-- the same. ev() records events with a prefix per stream.
describe("pipe edge cases (Node's Readable.prototype.pipe)", function()
  local function ev(st, log, names, prefix)
    for _, name in ipairs(names) do
      st:on(name, function(...)
        if name == "error" then
          local e = ...
          put(log, prefix .. "error:" .. (type(e) == "table" and (e.code or e.message) or tostring(e)))
        else
          put(log, prefix .. name)
        end
      end)
    end
  end

  it("destroying the source with an error neither ends nor unpipes the destination", function()
    local log = {}
    local src = Readable.new({ read = noop })
    local dst = Writable.new({ write = writeOk })
    ev(src, log, { "error", "close", "end" }, "s:")
    ev(dst, log, { "finish", "close", "unpipe", "error" }, "d:")
    src:pipe(dst)
    src:push("a")
    src:destroy("boom")
    setImmediate(function()
      put(log, LC(src, { "data", "end" }), LC(dst, { "unpipe", "error", "close", "finish" }),
        dst.writableEnded)
    end)
    finish()
    assert.are.same({ "s:error:boom", "s:close", "1,2", "2,2,2,2", false }, log)
  end)

  it("destroying the destination unpipes and pauses the source", function()
    local log = {}
    local src = Readable.new({ read = noop })
    local dst = Writable.new({ write = writeOk })
    ev(src, log, { "pause", "close", "end" }, "s:")
    ev(dst, log, { "finish", "close", "unpipe", "error" }, "d:")
    src:pipe(dst)
    dst:destroy()
    setImmediate(function()
      put(log, src.readableFlowing, LC(src, { "data", "end" }))
      src:push("x")
      put(log, src.readableLength)
    end)
    finish()
    assert.are.same({ "d:close", "s:pause", "d:unpipe", false, "0,1", 1 }, log)
  end)

  it("a destination ended by the user gets ERR_STREAM_WRITE_AFTER_END and is unpiped", function()
    local log = {}
    local src = Readable.new({ read = noop })
    local dst = Writable.new({ write = function(_, c, _, cb) put(log, "write:" .. c); cb() end })
    ev(src, log, { "pause", "close", "end" }, "s:")
    ev(dst, log, { "finish", "close", "unpipe", "error" }, "d:")
    src:pipe(dst)
    dst["end"](dst, "last")
    src:push("more")
    setImmediate(function() put(log, src.readableFlowing, src.readableLength) end)
    finish()
    assert.are.same({ "write:last", "s:pause", "d:unpipe", "d:error:ERR_STREAM_WRITE_AFTER_END",
      "d:close", false, 0 }, log)
  end)

  it("end = false: the destination stays writable after the source ends", function()
    local log = {}
    local src = Readable.new({ read = noop })
    local dst = Writable.new({ write = function(_, c, _, cb) put(log, "write:" .. c); cb() end })
    ev(dst, log, { "finish", "close", "unpipe" }, "d:")
    ev(src, log, { "end", "close" }, "s:")
    src:pipe(dst, { ["end"] = false })
    src:push("a")
    src:push(nil)
    setImmediate(function()
      put(log, dst.writable)
      dst["end"](dst, "z")
    end)
    finish()
    assert.are.same({ "write:a", "s:end", "d:unpipe", "s:close", true, "write:z", "d:finish",
      "d:close" }, log)
  end)

  it("a source with an encoding writes decoded strings", function()
    local log = {}
    local src = Readable.new({ read = noop })
    src:setEncoding("hex")
    local dst = Writable.new({
      decodeStrings = false,
      write = function(_, c, e, cb)
        put(log, type(c) .. ":" .. c .. ":" .. e)
        cb()
      end,
    })
    src:pipe(dst)
    src:push("ab")
    src:push(nil)
    finish()
    assert.are.same({ "string:6162:utf8" }, log)
  end)

  it("pipe() resumes a source that was paused explicitly", function()
    local log = {}
    local src = Readable.new({ read = noop })
    local dst = Writable.new({ write = function(_, c, _, cb) put(log, "write:" .. c); cb() end })
    src:pause()
    src:push("a")
    src:pipe(dst)
    put(log, src.readableFlowing)
    src:push(nil)
    dst:on("finish", function() put(log, "finish") end)
    finish()
    assert.are.same({ true, "write:a", "finish" }, log)
  end)

  it("a 'data' listener and a pipe both see every chunk, in listener order", function()
    local log = {}
    local src = Readable.new({ read = noop })
    local dst = Writable.new({ write = function(_, c, _, cb) put(log, "write:" .. c); cb() end })
    src:on("data", function(d) put(log, "data:" .. d) end)
    src:pipe(dst)
    src:push("a")
    src:push("b")
    src:push(nil)
    dst:on("finish", function() put(log, "finish") end)
    finish()
    assert.are.same({ "data:a", "write:a", "data:b", "write:b", "finish" }, log)
  end)

  it("unpipe() from a 'data' listener stops the flow at once", function()
    local log = {}
    local src = Readable.new({ read = noop })
    local dst = Writable.new({ write = function(_, c, _, cb) put(log, "write:" .. c); cb() end })
    src:pipe(dst)
    src:on("data", function(d)
      put(log, "data:" .. d)
      if d == "b" then src:unpipe(dst) end
    end)
    src:push("a")
    src:push("b")
    src:push("c")
    src:push(nil)
    src:on("end", function() put(log, "end") end)
    dst:on("unpipe", function() put(log, "unpipe") end)
    setImmediate(function() put(log, src.readableFlowing, dst.writableEnded) end)
    finish()
    assert.are.same({ "write:a", "data:a", "write:b", "data:b", "unpipe", false, false }, log)
  end)

  it("a byte source piped into an object-mode destination writes strings", function()
    local log = {}
    local src = Readable.new({ read = noop })
    local dst = Writable.new({
      objectMode = true,
      write = function(_, c, _, cb) put(log, type(c) .. ":" .. c); cb() end,
    })
    src:pipe(dst)
    src:push("ab")
    src:push(nil)
    finish()
    assert.are.same({ "string:ab" }, log)
  end)

  it("a write error on the destination unpipes and pauses the source", function()
    local log = {}
    local src = Readable.new({ read = noop })
    local dst = Writable.new({ write = function(_, _, _, cb) cb("wfail") end })
    ev(dst, log, { "error", "close", "unpipe", "finish" }, "d:")
    ev(src, log, { "pause", "close", "end" }, "s:")
    src:pipe(dst)
    src:push("a")
    src:push("b")
    setImmediate(function()
      put(log, src.readableFlowing, src.readableLength, LC(src, { "data", "end" }))
    end)
    finish()
    assert.are.same({ "s:pause", "d:unpipe", "d:error:wfail", "d:close", false, 1, "0,1" }, log)
  end)

  it("destroying a Duplex destination mid-pipe unpipes and pauses the source", function()
    local log = {}
    local src = Readable.new({ read = noop })
    local d = stream.Duplex.new({
      read = noop,
      write = function(_, c, _, cb) put(log, "w:" .. c); cb() end,
    })
    ev(d, log, { "close", "unpipe", "error", "finish" }, "d:")
    ev(src, log, { "pause" }, "s:")
    src:pipe(d)
    src:push("a")
    setImmediate(function()
      d:destroy()
      src:push("b")
      setImmediate(function() put(log, src.readableFlowing, src.readableLength) end)
    end)
    finish()
    assert.are.same({ "w:a", "s:pause", "d:close", "d:unpipe", false, 0 }, log)
  end)

  it("a 'readable' listener keeps the source paused; read() feeds the pipe", function()
    local log = {}
    local src = Readable.new({ read = noop })
    local dst = Writable.new({ write = function(_, c, _, cb) put(log, "write:" .. c); cb() end })
    src:on("readable", function()
      put(log, "readable")
      local c = src:read()
      while c ~= nil do
        put(log, "read:" .. c)
        c = src:read()
      end
    end)
    src:pipe(dst)
    put(log, "flowing:" .. tostring(src.readableFlowing))
    src:push("a")
    src:push("b")
    src:push(nil)
    dst:on("finish", function() put(log, "finish") end)
    finish()
    assert.are.same({ "flowing:false", "readable", "write:ab", "read:ab", "finish" }, log)
  end)

  it("a Transform in the middle that fails unpipes its source, not its destination", function()
    local log = {}
    local src = Readable.new({ read = noop })
    local t = Transform.new({ transform = function(_, _, _, cb) cb("terr") end })
    local dst = Writable.new({ write = function(_, c, _, cb) put(log, "write:" .. c); cb() end })
    ev(t, log, { "unpipe", "error", "close" }, "t:")
    ev(dst, log, { "close", "finish", "unpipe" }, "d:")
    ev(src, log, { "pause" }, "s:")
    src:pipe(t):pipe(dst)
    src:push("a")
    setImmediate(function() put(log, src.readableFlowing, dst.writableEnded, dst.destroyed) end)
    finish()
    assert.are.same({ "s:pause", "t:unpipe", "t:error:terr", "t:close", false, false, false }, log)
  end)

  it("unpipe() while waiting for 'drain' lets a 'data' listener take over", function()
    local log = {}
    local src = Readable.new({ read = noop })
    local cb0
    local dst = Writable.new({
      highWaterMark = 1,
      write = function(_, c, _, cb) put(log, "write:" .. c); cb0 = cb end,
    })
    src:pipe(dst)
    src:push("aa")
    src:push("bb")
    setImmediate(function()
      put(log, "paused:" .. tostring(src:isPaused()) .. ":" .. src.readableLength)
      src:unpipe(dst)
      put(log, "after unpipe:" .. tostring(src.readableFlowing))
      src:on("data", function(d) put(log, "data:" .. d) end)
      src:resume()
      cb0()
    end)
    finish()
    assert.are.same({ "write:aa", "paused:true:2", "after unpipe:false", "data:bb" }, log)
  end)

  it("a chain of PassThrough ends and closes stage by stage", function()
    local log = {}
    local src = Readable.new({ read = noop })
    local a, b = PassThrough.new(), PassThrough.new()
    local dst = Writable.new({ write = function(_, c, _, cb) put(log, "write:" .. c); cb() end })
    ev(src, log, { "end", "close" }, "s:")
    ev(a, log, { "finish", "end", "close" }, "a:")
    ev(b, log, { "finish", "end", "close" }, "b:")
    ev(dst, log, { "finish", "close" }, "d:")
    src:pipe(a):pipe(b):pipe(dst)
    src:push("x")
    src:push(nil)
    finish()
    assert.are.same({ "write:x", "s:end", "a:end", "a:finish", "s:close", "b:end", "b:finish",
      "a:close", "d:finish", "b:close", "d:close" }, log)
  end)
end)

describe("a long PassThrough pipeline", function()
  it("moves 1,000,000 chunks through three PassThrough in bounded memory", function()
    local N = 1000000
    local produced, count = 0, 0
    local fmt = "%015d\n" -- every chunk distinct, 16 bytes
    local src = Readable.new({
      read = function(self)
        repeat
          produced = produced + 1
          if produced > N then
            self:push(nil)
            return
          end
        until not self:push(fmt:format(produced))
      end,
    })
    collectgarbage()
    collectgarbage()
    local base = collectgarbage("count")
    local peak = base
    local sink = Writable.new({
      write = function(_, c, _, cb)
        count = count + 1
        if c ~= fmt:format(count) then error("chunk " .. count .. " is " .. c) end
        if count % 10000 == 0 then
          local kb = collectgarbage("count")
          if kb > peak then peak = kb end
        end
        cb()
      end,
    })
    local log = {}
    sink:on("finish", function() put(log, "finish") end)
    sink:on("error", function(e) put(log, "error:" .. tostring(e)) end)
    local t0 = uv.hrtime()
    src:pipe(PassThrough.new()):pipe(PassThrough.new()):pipe(PassThrough.new()):pipe(sink)
    finish(60000)
    local seconds = (uv.hrtime() - t0) / 1e9
    assert.are.same({ "finish" }, log)
    assert.are.equal(N, count)
    -- "a few MB above the start": 4 MB of Lua heap, garbage not yet collected included.
    assert.is_true(peak - base < 4096,
      ("Lua heap grew by %.0f KB (from %.0f KB)"):format(peak - base, base))
    assert.is_true(seconds < 20, ("took %.1f s"):format(seconds))
  end)
end)
