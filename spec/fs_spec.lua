-- File streams on real files (Node's test-fs-read-stream*.js and
-- test-fs-write-stream*.js); the expected event orders were taken from
-- Node 20 running the same scenarios.
local uv = require("luv")
local stream = require("cstream")
local helper = require("spec.helper")

local MiB = 1024 * 1024

-- Entries of /proc/self/fd: equal before and after a spec means no fd leaked
-- (libuv's spare fd is opened first, see helper.open_fd_reserve).
helper.open_fd_reserve()

-- 1 MiB where every 8-byte cell holds its own index: a chunk read out of
-- order or twice cannot compare equal.
local function content(size)
  local t = {}
  for i = 0, helper.idiv(size, 8) - 1 do t[#t + 1] = ("%07x\n"):format(i) end
  return table.concat(t)
end

-- Records events of s: data as its length, errors as their code, open as
-- "open" plus whether fd was an integer.
local function record(s, names, rec)
  rec = rec or {}
  for _, name in ipairs(names) do
    s:on(name, function(a)
      if name == "data" then
        rec[#rec + 1] = "data:" .. #a
      elseif name == "error" then
        rec[#rec + 1] = "error:" .. tostring(a.code) .. ":" .. tostring(a.syscall)
      elseif name == "open" then
        rec[#rec + 1] = "open:" .. require("cstream.compat").mathtype(a)
      else
        rec[#rec + 1] = name
      end
    end)
  end
  return rec
end

local READ_EVENTS = { "open", "ready", "data", "end", "close", "error" }
local WRITE_EVENTS = { "open", "ready", "prefinish", "finish", "close", "error" }

local function concat(...)
  local out = {}
  for _, t in ipairs({ ... }) do
    for _, v in ipairs(t) do out[#out + 1] = v end
  end
  return out
end

describe("cstream.fs", function()
  local dir, big, data, fds0

  setup(function()
    dir = assert(uv.fs_mkdtemp("/tmp/cstream-fs-XXXXXX"))
    big = dir .. "/big.bin"
    data = content(MiB)
    helper.writefile(big, data)
  end)

  teardown(function() helper.remove_dir(dir) end)

  before_each(function()
    fds0 = helper.fdcount()
  end)

  after_each(function()
    assert.are.equal(0, (helper.open_handles()))
    assert.are.equal(fds0, helper.fdcount(), "fd leaked")
  end)

  describe("createReadStream", function()
    it("reads 1 MiB in 64 KiB chunks (test-fs-read-stream)", function()
      local r = stream.fs.createReadStream(big)
      local rec = record(r, READ_EVENTS)
      local got = {}
      r:on("data", function(c) got[#got + 1] = c end)
      assert.is_true(r.pending)
      assert.are.equal(big, r.path)
      helper.run()
      assert.are.same(concat({ "open:integer", "ready" },
        helper.rep("data:65536", 16), { "end", "close" }), rec)
      assert.is_true(table.concat(got) == data)
      assert.are.equal(MiB, r.bytesRead)
      assert.is_nil(r.fd)
      assert.is_true(r.destroyed)
    end)

    it("honours highWaterMark", function()
      local r = stream.fs.createReadStream(big, { highWaterMark = 300000 })
      local rec = record(r, { "data", "end" })
      helper.run()
      assert.are.same({ "data:300000", "data:300000", "data:300000",
        "data:148576", "end" }, rec)
    end)

    it("reads from start to end inclusive (test-fs-read-stream start/end)",
    function()
      local r = stream.fs.createReadStream(big, { start = 10, ["end"] = 19 })
      local got
      r:collect(function(err, s) got = { err, s } end)
      helper.run()
      assert.are.same({ nil, data:sub(11, 20) }, got)
      assert.are.equal(10, r.bytesRead)
    end)

    it("reads from start to the end of the file across chunks", function()
      local r = stream.fs.createReadStream(big, { start = MiB - 100000,
        highWaterMark = 30000 })
      local rec = record(r, { "data", "end" })
      local got
      r:collect(function(err, s) got = { err, s } end)
      helper.run()
      assert.are.same({ "data:30000", "data:30000", "data:30000",
        "data:10000", "end" }, rec)
      assert.is_true(got[2] == data:sub(MiB - 100000 + 1))
    end)

    it("reads up to end without start", function()
      local r = stream.fs.createReadStream(big, { ["end"] = 70000 })
      local got
      r:collect(function(err, s) got = { err, s } end)
      helper.run()
      assert.is_true(got[2] == data:sub(1, 70001))
    end)

    it("rejects start > end (ERR_OUT_OF_RANGE)", function()
      local ok, err = pcall(stream.fs.createReadStream, big,
        { start = 10, ["end"] = 9 })
      assert.is_false(ok)
      assert.are.equal("ERR_OUT_OF_RANGE", err.code)
    end)

    it("decodes with the encoding option", function()
      local path = dir .. "/hex.txt"
      helper.writefile(path, "\1\2\255")
      local r = stream.fs.createReadStream(path, "hex")
      local got
      r:collect(function(err, s) got = { err, s } end)
      helper.run()
      assert.are.same({ nil, "0102ff" }, got)
    end)

    it("reports ENOENT as 'error' then 'close', no 'open'", function()
      local r = stream.fs.createReadStream(dir .. "/missing")
      local rec = record(r, READ_EVENTS)
      local errv
      r:on("error", function(e) errv = e end)
      r:resume()
      helper.run()
      assert.are.same({ "error:ENOENT:open", "close" }, rec)
      assert.are.equal(dir .. "/missing", errv.path)
      assert.is_truthy(errv.message:find("ENOENT", 1, true))
    end)

    it("reports EISDIR from the read of a directory", function()
      local r = stream.fs.createReadStream(dir)
      local rec = record(r, READ_EVENTS)
      r:resume()
      helper.run()
      assert.are.same({ "open:integer", "ready", "error:EISDIR:read", "close" },
        rec)
    end)

    it("destroy() before open waits for the open and closes the fd",
    function()
      local r = stream.fs.createReadStream(big)
      local rec = record(r, READ_EVENTS)
      r:destroy()
      helper.run()
      assert.are.same({ "open:integer", "ready", "close" }, rec)
    end)

    it("destroy() on 'open' closes the fd", function()
      local r = stream.fs.createReadStream(big)
      local rec = record(r, READ_EVENTS)
      r:on("open", function() r:destroy() end)
      helper.run()
      assert.are.same({ "open:integer", "ready", "close" }, rec)
    end)

    it("destroy() while a read is in flight closes after it", function()
      local r = stream.fs.createReadStream(big)
      local rec = record(r, READ_EVENTS)
      local inflight
      -- The next read starts on the tick after 'data' (maybeReadMore), so
      -- two ticks later it is in flight.
      r:once("data", function()
        stream.nextTick(function()
          stream.nextTick(function()
            inflight = r._io
            r:destroy()
          end)
        end)
      end)
      helper.run()
      assert.is_true(inflight)
      assert.are.same({ "open:integer", "ready", "data:65536", "close" }, rec)
    end)

    it("destroy() mid-stream from 'data' (test-fs-read-stream-destroy)",
    function()
      local r = stream.fs.createReadStream(big)
      local rec = record(r, READ_EVENTS)
      r:once("data", function() r:destroy() end)
      helper.run()
      assert.are.same({ "open:integer", "ready", "data:65536", "close" }, rec)
    end)

    it("close(cb) destroys and calls back (test-fs-read-stream close)",
    function()
      local r = stream.fs.createReadStream(big)
      local rec = record(r, { "open", "close" })
      r:on("open", function()
        r:close(function(err) rec[#rec + 1] = "cb:" .. tostring(err and err.code) end)
      end)
      helper.run()
      assert.are.same({ "open:integer", "close", "cb:ERR_STREAM_PREMATURE_CLOSE" },
        rec)
    end)

    it("closes the fd of a stream collected while open", function()
      -- In a function of its own, so that no dead register keeps it.
      local function openAndDrop()
        local r = stream.fs.createReadStream(big)
        r:on("open", function() end)
        helper.run() -- opened, never read: nothing left in flight
        assert.are.equal(fds0 + 1, helper.fdcount())
      end
      openAndDrop()
      collectgarbage()
      collectgarbage()
      assert.are.equal(fds0, helper.fdcount())
    end)

    it("uses a given fd and leaves it open with autoClose = false", function()
      local fd = assert(uv.fs_open(big, "r", 0))
      local r = stream.fs.createReadStream(nil, { fd = fd, autoClose = false,
        start = MiB - 8 })
      local rec = record(r, READ_EVENTS)
      local got
      r:collect(function(err, s) got = { err, s } end)
      helper.run()
      assert.are.same({ "data:8", "end" }, rec)
      assert.are.same({ nil, data:sub(-8) }, got)
      assert.is_false(r.pending)
      assert.is_false(r.destroyed) -- autoDestroy follows autoClose
      assert.are.equal(fd, r.fd)
      assert.is_truthy(uv.fs_fstat(fd)) -- still open
      assert(uv.fs_close(fd))
    end)

    it("a read error with autoClose = false neither destroys nor closes",
    function()
      local fd = assert(uv.fs_open(dir, "r", 0))
      local r = stream.fs.createReadStream(nil, { fd = fd, autoClose = false })
      local rec = record(r, READ_EVENTS)
      r:resume()
      helper.run()
      assert.are.same({ "error:EISDIR:read" }, rec)
      assert.is_false(r.destroyed)
      assert.are.equal(fd, r.fd)
      assert.is_truthy(uv.fs_fstat(fd))
      assert(uv.fs_close(fd))
    end)

    it("closes a given fd at the end with autoClose (default)", function()
      local fd = assert(uv.fs_open(big, "r", 0))
      local r = stream.fs.createReadStream(nil, { fd = fd })
      local rec = record(r, READ_EVENTS)
      r:resume()
      helper.run()
      assert.are.equal("close", rec[#rec])
      assert.are.equal(18, #rec) -- no 'open'/'ready' for a given fd
      local ok, _, name = uv.fs_fstat(fd)
      assert.is_nil(ok)
      assert.are.equal("EBADF", name)
    end)

    it("rejects a non-string path", function()
      local ok, err = pcall(stream.fs.createReadStream, 42)
      assert.is_false(ok)
      assert.are.equal("ERR_INVALID_ARG_TYPE", err.code)
    end)
  end)

  describe("createWriteStream", function()
    it("writes 1 MiB and emits open, ready, finish, close", function()
      local path = dir .. "/out.bin"
      local w = stream.fs.createWriteStream(path)
      local rec = record(w, WRITE_EVENTS)
      local results = {}
      for i = 0, 63 do
        results[#results + 1] = w:write(data:sub(i * 16384 + 1, (i + 1) * 16384))
      end
      w:finish()
      helper.run()
      assert.are.same({ "open:integer", "ready", "prefinish", "finish", "close" },
        rec)
      assert.is_false(results[1]) -- 16 KiB already fills the 16 KiB default
      assert.are.equal(MiB, w.bytesWritten)
      assert.is_true(helper.readfile(path) == data)
    end)

    it("appends with flags = 'a'", function()
      local path = dir .. "/append.txt"
      helper.writefile(path, "abc")
      local w = stream.fs.createWriteStream(path, { flags = "a" })
      w:finish("def")
      helper.run()
      assert.are.equal("abcdef", helper.readfile(path))
    end)

    it("writes at start with flags = 'r+'", function()
      local path = dir .. "/patch.txt"
      helper.writefile(path, "0123456789")
      local w = stream.fs.createWriteStream(path, { flags = "r+", start = 3 })
      w:write("ab")
      w:finish("cd")
      helper.run()
      assert.are.equal("012abcd789", helper.readfile(path))
      assert.are.equal(4, w.bytesWritten)
    end)

    it("creates files with mode", function()
      local path = dir .. "/mode.txt"
      local w = stream.fs.createWriteStream(path, { mode = tonumber("600", 8) })
      w:finish("x")
      helper.run()
      local st = assert(uv.fs_stat(path))
      assert.are.equal(tonumber("600", 8), st.mode % tonumber("1000", 8)) -- the permission bits
    end)

    it("reports ENOENT for a missing directory", function()
      local w = stream.fs.createWriteStream(dir .. "/no/such/file")
      local rec = record(w, WRITE_EVENTS)
      w:write("x", function(err) rec[#rec + 1] = "cb:" .. tostring(err and err.code) end)
      helper.run()
      assert.are.same({ "cb:ENOENT", "error:ENOENT:open", "close" }, rec)
    end)

    it("reports EISDIR when the path is a directory", function()
      local w = stream.fs.createWriteStream(dir)
      local rec = record(w, WRITE_EVENTS)
      w:finish("x")
      helper.run()
      assert.are.same({ "error:EISDIR:open", "close" }, rec)
    end)

    it("destroy() during a write waits for it (test-fs-write-stream-destroy)",
    function()
      local w = stream.fs.createWriteStream(dir .. "/destroy.bin")
      local rec = record(w, WRITE_EVENTS)
      w:on("open", function()
        stream.nextTick(function()
          stream.nextTick(function()
            w:write(data, function(err)
              rec[#rec + 1] = "cb:" .. tostring(err and err.code)
            end)
            rec[#rec + 1] = "destroy"
            w:destroy()
          end)
        end)
      end)
      helper.run()
      -- Node 20 reports the interrupted write this way too.
      assert.are.same({ "open:integer", "ready", "destroy",
        "cb:ERR_STREAM_DESTROYED", "error:ERR_STREAM_DESTROYED:nil", "close" },
        rec)
    end)

    it("close() ends the stream and calls back on 'close'", function()
      local path = dir .. "/closed.txt"
      local w = stream.fs.createWriteStream(path)
      local rec = record(w, WRITE_EVENTS)
      w:write("abc")
      w:close(function() rec[#rec + 1] = "cb" end)
      helper.run()
      assert.are.same({ "open:integer", "ready", "prefinish", "finish",
        "close", "cb" }, rec)
      assert.are.equal("abc", helper.readfile(path))
    end)

    it("setDefaultEncoding from the encoding option", function()
      local path = dir .. "/enc.txt"
      local w = stream.fs.createWriteStream(path, { encoding = "hex" })
      w:finish("414243")
      helper.run()
      assert.are.equal("ABC", helper.readfile(path))
    end)

    it("closes the fd of a stream collected while open", function()
      local function openAndDrop()
        local w = stream.fs.createWriteStream(dir .. "/gc.txt")
        w:on("open", function() end)
        helper.run()
        assert.are.equal(fds0 + 1, helper.fdcount())
      end
      openAndDrop()
      collectgarbage()
      collectgarbage()
      assert.are.equal(fds0, helper.fdcount())
    end)

    it("leaves a given fd open with autoClose = false", function()
      local path = dir .. "/fd.txt"
      local fd = assert(uv.fs_open(path, "w", tonumber("644", 8)))
      local w = stream.fs.createWriteStream(nil, { fd = fd, autoClose = false })
      local rec = record(w, WRITE_EVENTS)
      w:write("a")
      w:finish("b")
      helper.run()
      assert.are.same({ "prefinish", "finish" }, rec)
      assert.is_truthy(uv.fs_fstat(fd))
      assert(uv.fs_close(fd))
      assert.are.equal("ab", helper.readfile(path))
    end)
  end)

  it("pipes a read stream into a write stream (1 MiB copy)", function()
    local path = dir .. "/copy.bin"
    local r = stream.fs.createReadStream(big)
    local w = stream.fs.createWriteStream(path)
    local rrec = record(r, { "end", "close", "error" })
    local wrec = record(w, { "finish", "close", "error" })
    r:pipe(w)
    helper.run()
    assert.are.same({ "end", "close" }, rrec)
    assert.are.same({ "finish", "close" }, wrec)
    assert.is_true(helper.readfile(path) == data)
  end)

  it("pipeline copies and reports success once", function()
    local path = dir .. "/pipeline.bin"
    local calls = {}
    stream.pipeline(stream.fs.createReadStream(big),
      stream.fs.createWriteStream(path),
      function(err) calls[#calls + 1] = err or "ok" end)
    helper.run()
    assert.are.same({ "ok" }, calls)
    assert.is_true(helper.readfile(path) == data)
  end)
end)
