-- stream.fromHandle over loopback TCP and pipes (Node's test-net-*.js); the
-- expected event orders come from Node 20's net.Socket in the same scenarios.
local uv = require("luv")
local stream = require("cstream")
local helper = require("spec.helper")

-- Entries of /proc/self/fd (libuv's spare fd is opened first, see
-- helper.open_fd_reserve).
helper.open_fd_reserve()

local EVENTS = { "data", "end", "prefinish", "finish", "close", "error" }

-- Records events; consecutive data chunks are merged into one "data:<text>"
-- entry, since TCP may split or join them.
local function record(s, rec)
  rec = rec or {}
  for _, name in ipairs(EVENTS) do
    s:on(name, function(a)
      if name == "data" then
        local last = rec[#rec]
        if type(last) == "string" and last:sub(1, 5) == "data:" then
          rec[#rec] = last .. a
        else
          rec[#rec + 1] = "data:" .. a
        end
      elseif name == "error" then
        rec[#rec + 1] = "error:" .. tostring(a.code) .. ":" .. tostring(a.syscall)
      else
        rec[#rec + 1] = name
      end
    end)
  end
  return rec
end

-- A listening server on 127.0.0.1 port 0; onconn(socketStream, server).
local function listen(onconn, opts)
  local server = uv.new_tcp()
  assert(server:bind("127.0.0.1", 0))
  assert(server:listen(16, helper.guard(function(err)
    assert(not err, err)
    local client = uv.new_tcp()
    assert(server:accept(client))
    onconn(stream.fromHandle(client, opts), server)
  end)))
  return server, server:getsockname().port
end

local function connect(port, onconnect, opts)
  local tcp = uv.new_tcp()
  assert(tcp:connect("127.0.0.1", port, helper.guard(function(err)
    assert(not err, err)
    onconnect(stream.fromHandle(tcp, opts))
  end)))
  return tcp
end

-- Two uv pipe handles over a unix socketpair (what libuv gives a child's
-- stdio): unlike pipe(2), shutdown() there delivers EOF to the other end.
local function pipePair()
  local fds = assert(uv.socketpair())
  local a, b = uv.new_pipe(false), uv.new_pipe(false)
  assert(a:open(fds[1]))
  assert(b:open(fds[2]))
  return a, b
end

describe("stream.fromHandle", function()
  local fds0

  before_each(function()
    fds0 = helper.fdcount()
  end)

  after_each(function()
    assert.are.same({}, select(2, helper.open_handles()))
    assert.are.equal(fds0, helper.fdcount(), "fd leaked")
  end)

  it("echoes over TCP and closes both ends (test-net-pingpong)", function()
    local srec, crec = {}, {}
    local server
    server = listen(function(s)
      record(s, srec)
      s:pipe(s)
    end)
    local port = server:getsockname().port
    local c
    connect(port, function(cs)
      c = cs
      record(c, crec)
      c:write("one\n")
      c:finish("two\n")
      c:on("close", function() server:close() end)
    end)
    helper.run()
    -- Node: client [prefinish, finish, data, end, close],
    --       server [data, end, prefinish, finish, close]
    assert.are.same({ "prefinish", "finish", "data:one\ntwo\n", "end", "close" },
      crec)
    assert.are.same({ "data:one\ntwo\n", "end", "prefinish", "finish", "close" },
      srec)
    assert.is_true(c.destroyed)
    assert.are.equal(8, c.bytesRead)
    assert.are.equal(8, c.bytesWritten)
  end)

  it("peer EOF ends the readable side and, not half-open, the writable one",
  function()
    local srec, crec = {}, {}
    local server
    server = listen(function(s)
      record(s, srec)
      s:finish("bye")
    end)
    connect(server:getsockname().port, function(c)
      record(c, crec)
      c:on("close", function() server:close() end)
    end)
    helper.run()
    assert.are.same({ "data:bye", "end", "prefinish", "finish", "close" }, crec)
    assert.are.same({ "prefinish", "finish", "end", "close" }, srec)
  end)

  it("allowHalfOpen = true keeps the write side open after 'end'", function()
    local srec, crec = {}, {}
    local server
    server = listen(function(s)
      record(s, srec)
      s:on("end", function()
        local t = uv.new_timer()
        t:start(10, 0, function()
          t:close()
          s:finish("late")
        end)
      end)
    end, { allowHalfOpen = true })
    connect(server:getsockname().port, function(c)
      record(c, crec)
      c:finish("hi")
      c:on("close", function() server:close() end)
    end, { allowHalfOpen = true })
    helper.run()
    assert.are.same({ "prefinish", "finish", "data:late", "end", "close" }, crec)
    assert.are.same({ "data:hi", "end", "prefinish", "finish", "close" }, srec)
  end)

  it("reports ECONNRESET as 'error' then 'close' (test-net-connect-reset)",
  function()
    local crec = {}
    local server
    server = listen(function(s)
      s:once("data", function()
        s._handle:close_reset()
      end)
    end)
    connect(server:getsockname().port, function(c)
      record(c, crec)
      c:write("x")
      c:on("close", function() server:close() end)
    end)
    helper.run()
    assert.are.same({ "error:ECONNRESET:read", "close" }, crec)
  end)

  it("destroy() closes the handle before 'close'", function()
    local p = uv.pipe()
    local r, w = uv.new_pipe(false), uv.new_pipe(false)
    assert(r:open(p.read))
    assert(w:open(p.write))
    local sr = stream.fromHandle(r)
    local sw = stream.fromHandle(w, { readable = false })
    local rrec, wrec = {}, {}
    sr:on("end", function() rrec[#rrec + 1] = "end" end)
    sr:on("close", function() rrec[#rrec + 1] = "close:" .. tostring(r:is_closing()) end)
    sw:on("close", function() wrec[#wrec + 1] = "close:" .. tostring(w:is_closing()) end)
    sr:resume()
    sw:destroy()
    helper.run()
    assert.are.same({ "close:true" }, wrec)
    assert.are.same({ "end", "close:true" }, rrec)
  end)

  it("stops reading a pipe while the consumer is full, resumes after", function()
    local r, w = pipePair()
    local HWM = 16384
    local sr = stream.fromHandle(r, { highWaterMark = HWM })
    local sw = stream.fromHandle(w)
    local chunk = ("x"):rep(65536)
    local total = 64 * #chunk -- 4 MiB, far more than the pipe buffer holds
    local written, falses = 0, 0
    local function pump()
      while written < total do
        written = written + #chunk
        if not sw:write(chunk) then
          falses = falses + 1
          sw:once("drain", pump)
          return
        end
      end
      sw:finish()
    end
    pump()
    sr:read(0) -- start reading, then leave the data unconsumed
    local snapshot
    local t = uv.new_timer()
    t:start(100, 0, helper.guard(function()
      t:close()
      snapshot = {
        reading = sr._reading,
        active = r:is_active(),
        buffered = sr.readableLength,
        writerLength = sw.writableLength,
        needDrain = sw.writableNeedDrain,
      }
      local got = 0 -- the buffered chunks come out as 'data' too
      sr:on("data", function(c) got = got + #c end)
      sr:on("end", function() snapshot.got = got end)
    end))
    helper.run(5000)
    assert.is_false(snapshot.reading)
    assert.is_false(snapshot.active) -- read_stop happened on the uv handle
    -- At most one read past the mark: libuv reads 64 KiB at a time.
    assert.is_true(snapshot.buffered >= HWM and snapshot.buffered <= HWM + 65536,
      "buffered " .. snapshot.buffered)
    assert.is_true(snapshot.needDrain) -- the kernel is full: write said false
    assert.is_true(snapshot.writerLength > 0)
    assert.is_true(falses >= 1)
    assert.are.equal(total, snapshot.got)
  end)

  it("backpressure reaches a TCP socket (slow reader)", function()
    local HWM = 16384
    local total = 32 * 1024 * 1024 -- more than loopback buffers hold
    local snapshot, received
    local server
    server = listen(function(s)
      -- The server writes as fast as the socket takes it.
      local chunk = ("y"):rep(65536)
      local sent = 0
      local function pump()
        while sent < total do
          sent = sent + #chunk
          if not s:write(chunk) then
            s:once("drain", pump)
            return
          end
        end
        s:finish()
      end
      pump()
      s:on("close", function() server:close() end)
      local t = uv.new_timer()
      t:start(150, 0, helper.guard(function()
        t:close()
        snapshot.serverLength = s.writableLength
        snapshot.serverSent = sent
      end))
    end)
    connect(server:getsockname().port, function(c)
      c:read(0)
      snapshot = {}
      local t = uv.new_timer()
      t:start(100, 0, helper.guard(function()
        t:close()
        snapshot.reading = c._reading
        snapshot.buffered = c.readableLength
        local t2 = uv.new_timer()
        t2:start(100, 0, helper.guard(function()
          t2:close()
          received = 0
          c:on("data", function(d) received = received + #d end)
          c:on("end", function() snapshot.done = true end)
        end))
      end))
    end, { highWaterMark = HWM })
    helper.run(10000)
    assert.is_false(snapshot.reading)
    assert.is_true(snapshot.buffered >= HWM and snapshot.buffered <= HWM + 65536,
      "buffered " .. snapshot.buffered)
    assert.is_true(snapshot.serverLength > 0) -- the server's kernel buffer is full
    assert.is_true(snapshot.serverSent < total)
    assert.is_true(snapshot.done)
    assert.are.equal(total, received)
  end)

  it("completes writes on the uv callback, in order", function()
    local r, w = pipePair()
    local sr, sw = stream.fromHandle(r), stream.fromHandle(w)
    local rec = {}
    sw:write("a", function(err) rec[#rec + 1] = "cb a:" .. tostring(err) end)
    sw:write("b", function(err) rec[#rec + 1] = "cb b:" .. tostring(err) end)
    rec[#rec + 1] = "sync"
    sw:finish()
    local got
    sr:collect(function(err, s) got = { err, s } end)
    helper.run()
    assert.are.same({ "sync", "cb a:nil", "cb b:nil" }, rec)
    assert.are.same({ nil, "ab" }, got)
  end)

  it("a write to a closed peer is EPIPE, not SIGPIPE (test-net-write-after-end)",
  function()
    -- In a child Lua: were SIGPIPE to kill it, busted would not die with it.
    local path = os.tmpname()
    local f = assert(io.open(path, "w"))
    f:write([[
      local uv = require("luv")
      local stream = require("cstream")
      local fds = assert(uv.socketpair())
      local a = uv.new_pipe(false)
      assert(a:open(fds[1]))
      assert(uv.fs_close(fds[2]))
      local s = stream.fromHandle(a, { allowHalfOpen = true, manualStart = true })
      s:on("error", function(e) io.write("error ", e.code, " ", e.syscall, "\n") end)
      s:on("close", function() io.write("close\n") end)
      s:write(("x"):rep(1000))
      uv.run()
      local n = 0
      uv.walk(function(h) if uv.handle_get_type(h) == "signal" then n = n + 1 end end)
      io.write("signal handles ", n, "\n")
    ]])
    f:close()
    local p = io.popen(helper.lua_env("lua/?.lua;lua/?/init.lua;;", helper.CPATH()) ..
      " " .. helper.LUA .. " " .. path .. " 2>&1; echo rc=$?")
    local out = p:read("a")
    p:close()
    os.remove(path)
    assert.are.equal("error EPIPE write\nclose\nsignal handles 0\nrc=0\n", out)
  end)

  it("closes the handle of a socket collected undestroyed", function()
    local handles
    local function makeAndDrop()
      local a, b = pipePair()
      handles = setmetatable({ a, b }, { __mode = "" })
      stream.fromHandle(a, { manualStart = true })
      stream.fromHandle(b, { manualStart = true })
    end
    makeAndDrop()
    collectgarbage()
    collectgarbage()
    helper.run() -- the close is deferred to a tick
    assert.is_true(handles[1]:is_closing())
    assert.is_true(handles[2]:is_closing())
  end)

  it("rejects what is not a luv stream handle", function()
    local ok, err = pcall(stream.fromHandle, {})
    assert.is_false(ok)
    assert.are.equal("ERR_INVALID_ARG_TYPE", err.code)
  end)
end)
