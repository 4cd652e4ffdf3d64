-- A file ReadStream piped into a file WriteStream with nothing else
-- listening copies inside the kernel (fs.lua, ReadStream:_read): the same
-- bytes, the same counts and the same events as the ordinary path, which
-- comes back as soon as anything could tell the difference.  Node has no
-- such path; the event orders are the ones Node 20 prints for the same pipes.
local uv = require("luv")
local stream = require("cstream")
local helper = require("spec.helper")

local MiB = 1024 * 1024
helper.open_fd_reserve()

local function content(size)
  local t = {}
  for i = 0, math.floor(size / 8) - 1 do t[#t + 1] = ("%07x\n"):format(i) end
  return table.concat(t)
end

local function record(s, names, rec)
  rec = rec or {}
  for _, name in ipairs(names) do
    s:on(name, function(a)
      if name == "error" then rec[#rec + 1] = "error:" .. tostring(a.code)
      else rec[#rec + 1] = name end
    end)
  end
  return rec
end

describe("cstream.fs kernel copy", function()
  local dir, big, data, fds0

  setup(function()
    dir = assert(uv.fs_mkdtemp("/tmp/cstream-kcopy-XXXXXX"))
    big = dir .. "/big.bin"
    data = content(5 * MiB + 12344)
    helper.writefile(big, data)
  end)

  teardown(function() helper.remove_dir(dir) end)

  before_each(function() fds0 = helper.fdcount() end)
  after_each(function()
    assert.are.equal(0, (helper.open_handles()))
    assert.are.equal(fds0, helper.fdcount(), "fd leaked")
  end)

  it("copies a 5 MiB file in the kernel, with Node's events and counts", function()
    local path = dir .. "/copy.bin"
    local k0 = stream.fs._kernelCopies
    local r = stream.fs.createReadStream(big)
    local w = stream.fs.createWriteStream(path)
    local rrec = record(r, { "open", "ready", "end", "close", "error" })
    local wrec = record(w, { "open", "ready", "pipe", "unpipe", "finish", "close", "error" })
    r:pipe(w)
    helper.run(10000)
    assert.are.same({ "open", "ready", "end", "close" }, rrec)
    assert.are.same({ "pipe", "open", "ready", "finish", "unpipe", "close" }, wrec)
    assert.are.equal(#data, r.bytesRead)
    assert.are.equal(#data, w.bytesWritten)
    assert.is_true(helper.readfile(path) == data)
    assert.is_true(stream.fs._kernelCopies - k0 >= 2)
  end)

  it("copies the range of start and end", function()
    local path = dir .. "/range.bin"
    local r = stream.fs.createReadStream(big, { start = 100, ["end"] = 3 * MiB + 99 })
    local w = stream.fs.createWriteStream(path)
    r:pipe(w)
    helper.run(10000)
    assert.are.equal(3 * MiB, r.bytesRead)
    assert.are.equal(3 * MiB, w.bytesWritten)
    assert.is_true(helper.readfile(path) == data:sub(101, 3 * MiB + 100))
  end)

  it("leaves the kernel alone while 'data' has a listener of its own", function()
    local path = dir .. "/seen.bin"
    local k0 = stream.fs._kernelCopies
    local r = stream.fs.createReadStream(big)
    local w = stream.fs.createWriteStream(path)
    local seen, n = 0, 0
    r:pipe(w)
    r:on("data", function(c) seen = seen + #c; n = n + 1 end)
    helper.run(10000)
    assert.are.equal(#data, seen)
    assert.are.equal(math.ceil(#data / 65536), n)
    assert.are.equal(0, stream.fs._kernelCopies - k0)
    assert.is_true(helper.readfile(path) == data)
  end)

  it("keeps 'pause' and 'resume' per chunk when they have listeners", function()
    local path = dir .. "/paused.bin"
    local k0 = stream.fs._kernelCopies
    local r = stream.fs.createReadStream(big)
    local w = stream.fs.createWriteStream(path)
    local pauses = 0
    r:on("pause", function() pauses = pauses + 1 end)
    r:pipe(w)
    helper.run(10000)
    assert.is_true(pauses > 50)
    assert.are.equal(0, stream.fs._kernelCopies - k0)
    assert.is_true(helper.readfile(path) == data)
  end)

  it("goes back to reads and writes where the kernel refuses (append)", function()
    local path = dir .. "/append.bin"
    helper.writefile(path, "head")
    local r = stream.fs.createReadStream(big)
    local w = stream.fs.createWriteStream(path, { flags = "a" })
    local wrec = record(w, { "finish", "close", "error" })
    r:pipe(w)
    helper.run(10000)
    assert.are.same({ "finish", "close" }, wrec)
    assert.are.equal(#data, r.bytesRead)
    assert.are.equal(#data, w.bytesWritten)
    assert.is_true(helper.readfile(path) == "head" .. data)
  end)

  it("reads where the kernel copies nothing though there is data (/proc)", function()
    local f = io.open("/proc/version", "rb")
    if not f then return end
    local want = f:read("a")
    f:close()
    local path = dir .. "/version.txt"
    local r = stream.fs.createReadStream("/proc/version")
    local w = stream.fs.createWriteStream(path)
    r:pipe(w)
    helper.run(10000)
    assert.are.equal(#want, r.bytesRead)
    assert.are.equal(want, helper.readfile(path))
  end)

  it("a write of the caller's own lands after the bytes copied before it", function()
    local path = dir .. "/mixed.bin"
    local r = stream.fs.createReadStream(big)
    local w = stream.fs.createWriteStream(path)
    local wrote = false
    r:pipe(w, { ["end"] = false })
    r:on("end", function()
      w:write("tail")
      w["end"](w)
    end)
    w:on("finish", function() wrote = true end)
    helper.run(10000)
    assert.is_true(wrote)
    assert.are.equal(#data + 4, w.bytesWritten)
    assert.is_true(helper.readfile(path) == data .. "tail")
  end)

  it("a destination destroyed mid-copy closes once, its fd after the copy", function()
    local path = dir .. "/destroyed.bin"
    local r = stream.fs.createReadStream(big)
    local w = stream.fs.createWriteStream(path)
    local wrec = record(w, { "finish", "close", "error" })
    r:pipe(w)
    local t = uv.new_timer()
    local function check()
      if w.bytesWritten > 0 then
        t:close()
        w:destroy()
        r:destroy()
      end
    end
    t:start(0, 1, check)
    helper.run(10000)
    -- test/twins/fs/kernel_copy_destroyed.js: Node's write in flight when its
    -- stream is destroyed ends in ERR_STREAM_DESTROYED, which the destroy
    -- reports; so does the copy that stands for it (or the ordinary write,
    -- when that was in flight).
    assert.are.same({ "error:ERR_STREAM_DESTROYED", "close" }, wrec)
    assert.is_true(r.destroyed)
  end)
end)
