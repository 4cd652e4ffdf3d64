-- test-stream2-basic.js (Node 20's test/parallel/), translated; sequences from test/twins/readable/stream2_basic.js. See spec/README.md.

local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local Readable = stream.Readable
local Writable = stream.Writable

-- Node's TestReader from test-stream2-basic: hands out n 'x' bytes per round,
-- ten rounds, each new round 10 ms after the last one ran dry.
local TestReader = Readable:extend()

function TestReader:initialize(_, n)
  self.buf = string.rep("x", n or 100)
  self.pos = 0
  self.bufs = 10
end

function TestReader:_read(n)
  local max = #self.buf - self.pos
  n = math.max(n, 0)
  local toRead = math.min(n, max)
  if toRead == 0 then
    helper.setTimeout(function()
      self.pos = 0
      self.bufs = self.bufs - 1
      if self.bufs <= 0 then self:push(nil) else self:_read(n) end
    end, 10)
    return
  end
  local ret = self.buf:sub(self.pos + 1, self.pos + toRead)
  self.pos = self.pos + toRead
  self:push(ret)
end

-- A Writable that keeps what it gets and logs it on 'finish'.
local function collector(log, name, opts)
  local got = {}
  opts = opts or {}
  opts.write = function(_, c, _, cb) helper.put(got, c); cb() end
  local w = Writable.new(opts)
  w:on("finish", function() helper.put(log, name .. ":finish", #got, table.concat(got, "|")) end)
  return w, got
end

local node = twin.run("test/twins/readable/stream2_basic.js")

describe("test-stream2-basic", function()
  -- twin: growing_read
  it("read(n) with a growing n", function()
    local log, reads = {}, {}
    local r = TestReader.new(nil, 20)
    r:on("end", function()
      for _, v in ipairs(reads) do helper.put(log, v) end
      helper.put(log, "end")
    end)
    local readSize = 1
    local flow
    flow = helper.guard(function()
      local res = r:read(readSize)
      readSize = readSize + 1
      while res ~= nil do
        helper.put(reads, res)
        res = r:read(readSize)
        readSize = readSize + 1
      end
      r:once("readable", flow)
    end)
    flow()
    helper.settle()
    assert.are.same(node.growing_read, log)
  end)

  -- twin: pipe
  it("pipe()", function()
    local log = {}
    local r = TestReader.new(nil, 5)
    r:pipe((collector(log, "w")))
    helper.settle()
    assert.are.same(node.pipe, twin.strings(log))
  end)

  -- twin: unpipe_after_1 ... unpipe_after_9
  for split = 1, 9 do
    it("unpipe() after " .. split .. " writes, then pipe() to another", function()
      local log = {}
      local r = TestReader.new(nil, 5)
      local writes = split
      local got0, got1 = {}, {}
      local w1 = Writable.new({ write = function(_, c, _, cb) helper.put(got1, c); cb() end })
      local w0
      w0 = Writable.new({
        write = function(_, c, _, cb)
          helper.put(got0, c)
          cb()
          writes = writes - 1
          if writes == 0 then
            r:unpipe()
            w0:finish()
            r:pipe(w1)
          end
        end,
      })
      w0:on("finish", function() helper.put(log, "w0", #got0) end)
      w1:on("finish", function() helper.put(log, "w1", #got1) end)
      r:pipe(w0)
      helper.settle()
      assert.are.same(node["unpipe_after_" .. split], twin.strings(log))
    end)
  end

  -- twin: both_destinations
  it("both destinations get the same data", function()
    local log = {}
    local r = TestReader.new(nil, 5)
    r:pipe((collector(log, "a")))
    r:pipe((collector(log, "b")))
    helper.settle()
    assert.are.same(node.both_destinations, twin.strings(log))
  end)

  -- twin: unpipe_all
  it("unpipe() of every destination, then pipe() to a new one", function()
    local log = {}
    local r = TestReader.new(nil, 5)
    local writes = 3
    local got0, got1, got2 = {}, {}, {}
    local w1 = Writable.new({ write = function(_, c, _, cb) helper.put(got1, c); cb() end })
    local w2 = Writable.new({ write = function(_, c, _, cb) helper.put(got2, c); cb() end })
    local w0
    w0 = Writable.new({
      write = function(_, c, _, cb)
        helper.put(got0, c)
        cb()
        writes = writes - 1
        if writes == 0 then
          r:unpipe()
          w0:finish()
          r:pipe(w1)
        end
      end,
    })
    w0:on("finish", function() helper.put(log, "w0", #got0) end)
    w1:on("finish", function() helper.put(log, "w1", #got1) end)
    w2:on("finish", function() helper.put(log, "w2", #got2) end)
    r:pipe(w0)
    r:pipe(w2)
    helper.settle()
    helper.put(log, "w2 got", #got2)
    assert.are.same(node.unpipe_all, twin.strings(log))
  end)

  -- twin: back_pressure_two_destinations
  it("back pressure is respected with two destinations", function()
    local log = {}
    local r = Readable.new({ objectMode = true, read = function() helper.put(log, "_read") end })
    r:push({ "one" })
    r:push({ "two" })
    r:push({ "three" })
    r:push({ "four" })
    r:push(nil)
    local function mk(name, ms)
      local w = Writable.new({
        objectMode = true,
        highWaterMark = 1,
        write = function(_, c, _, cb)
          helper.put(log, name .. ":" .. c[1])
          if c[1] == "four" then return cb() end
          helper.setTimeout(cb, ms)
        end,
      })
      w:on("finish", function() helper.put(log, name .. ":finish") end)
      return w
    end
    local w2, w3 = mk("w2", 10), mk("w3", 50)
    local w1
    w1 = Writable.new({
      objectMode = true,
      write = function(_, c)
        helper.put(log, "w1:" .. c[1])
        w1:destroy()
        helper.nextTick(function() r:pipe(w2); r:pipe(w3) end)
      end,
    })
    w1:on("close", function() helper.put(log, "w1:close") end)
    r:pipe(w1)
    helper.settle()
    assert.are.same(node.back_pressure_two_destinations, log)
  end)

  -- twin: read0_of_ended
  it("read(0) of an ended stream returns nil and keeps the data", function()
    local log = {}
    local r = Readable.new({ read = function() helper.put(log, "_read") end })
    r:push("foo")
    r:push(nil)
    helper.put(log, helper.nullstr(r:read(0)))
    r:pipe((collector(log, "w")))
    helper.settle()
    assert.are.same(node.read0_of_ended, twin.strings(log))
  end)

  -- twin: sync_read_ends
  it("a synchronous _read that ends emits 'end' before a later tick", function()
    local log = {}
    local r
    r = Readable.new({ read = function() r:push(nil) end })
    r:once("end", function() helper.put(log, "end") end)
    helper.put(log, helper.nullstr(r:read()))
    helper.nextTick(function() helper.put(log, "tick") end)
    helper.settle()
    assert.are.same(node.sync_read_ends, log)
  end)

  -- twin: readable_listener_flows
  it("a 'readable' listener makes data flow", function()
    local log = {}
    local readCalled = 0
    local r
    r = Readable.new({
      highWaterMark = 5,
      read = function()
        readCalled = readCalled + 1
        if readCalled - 1 == 2 then r:push(nil) else r:push("asdf") end
      end,
    })
    r:on("readable", helper.guard(function() helper.put(log, "readable"); helper.put(log, helper.nullstr(r:read())) end))
    r:on("end", function() helper.put(log, "end", readCalled) end)
    helper.settle()
    assert.are.same(node.readable_listener_flows, twin.strings(log))
  end)

  it("setEncoding/pause/resume are chainable", function()
    local r = Readable.new({ read = function() end })
    local r2 = r:setEncoding("utf8"):pause():resume():pause()
    assert.are.equal(r, r2)
    helper.settle()
  end)

  -- twin: encoding_and_object_mode
  it("readableEncoding and readableObjectMode", function()
    local r = Readable.new({ encoding = "utf8" })
    local o = Readable.new({ objectMode = true })
    local p = Readable.new()
    assert.are.same(node.encoding_and_object_mode,
      twin.strings({ r.readableEncoding, r.readableObjectMode, o.readableObjectMode, p.readableObjectMode }))
    assert.is_nil(p.readableEncoding)
    helper.settle()
  end)
end)
