-- test-stream-writableState-uncorked-bufferedRequestCount.js (Node 20's test/parallel/), translated; sequences from test/twins/writable/writableState_uncorked_bufferedRequestCount.js. See spec/README.md.

local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local Writable = stream.Writable

local function joined(chunks)
  local out = {}
  for i, c in ipairs(chunks) do out[i] = c.chunk end
  return table.concat(out, ",")
end

local node = twin.run("test/twins/writable/writableState_uncorked_bufferedRequestCount.js")

describe("test-stream-writableState-uncorked-bufferedRequestCount", function()
  -- twin: nested_cork
  it("nested cork buffers until the last uncork; finish() uncorks fully", function()
    local log = {}
    local w = Writable.new()
    w._writev = function(self, chunks, cb)
      helper.put(log, "writev:" .. joined(chunks))
      cb()
    end
    w._write = function(self, c, e, cb)
      helper.put(log, "write:" .. c)
      cb()
    end
    local function st(t)
      helper.put(log, ("%s corked=%d len=%d"):format(t, w.writableCorked, w.writableLength))
    end
    w:cork(); st("cork1")
    w:cork(); st("cork2")
    w:write("first chunk"); st("write1")
    w:uncork(); st("uncork1")
    helper.nextTick(function()
      w:uncork(); st("uncork2")
      w:cork()
      w:write("third chunk"); st("write3")
      w:finish(); st("end")
    end)
    w:write("second chunk"); st("write2")
    helper.on(w, log, "finish")
    helper.settle()
    assert.are.same(node.nested_cork, log)
  end)

  -- twin: end_releases_three_corks
  it("finish(chunk) releases three levels of cork", function()
    local log = {}
    local w = Writable.new({
      write = function(self, c, e, cb)
        helper.put(log, "write:" .. c)
        cb()
      end,
    })
    w:cork(); w:cork(); w:cork()
    w:write("x")
    w:finish("y")
    helper.put(log, "corked=" .. w.writableCorked)
    helper.on(w, log, "finish")
    helper.settle()
    assert.are.same(node.end_releases_three_corks, log)
  end)

  -- twin: next_tick_uncork
  it("the nextTick(uncork) idiom batches one tick's writes", function()
    local log = {}
    local w = Writable.new({
      writev = function(self, chunks, cb)
        helper.put(log, "writev:" .. joined(chunks))
        cb()
      end,
      write = function(self, c, e, cb)
        helper.put(log, "write:" .. c)
        cb()
      end,
    })
    w:cork()
    w:write("a")
    w:write("b")
    stream.nextTick(function() w:uncork() end)
    helper.put(log, "sync")
    helper.settle()
    assert.are.same(node.next_tick_uncork, log)
  end)

  -- twin: corked_backpressure
  it("corked writes report backpressure; 'drain' follows the uncork", function()
    local log = {}
    local w = Writable.new({
      highWaterMark = 4,
      write = function(self, c, e, cb)
        helper.put(log, "write:" .. c)
        cb()
      end,
    })
    helper.on(w, log, "drain")
    w:cork()
    helper.put(log, "ret=" .. tostring(w:write("ab")))
    helper.put(log, "ret=" .. tostring(w:write("cd")))
    helper.put(log, "nd=" .. tostring(w.writableNeedDrain))
    w:uncork()
    helper.put(log, "uncorked len=" .. w.writableLength)
    helper.settle()
    assert.are.same(node.corked_backpressure, log)
  end)

  -- twin: cork_after_end
  it("cork() after finish() still counts", function()
    local log = {}
    local w = Writable.new({
      write = function(self, c, e, cb)
        helper.put(log, "write:" .. c)
        cb()
      end,
    })
    w:finish("a")
    w:cork()
    helper.put(log, "corked=" .. w.writableCorked)
    helper.on(w, log, "finish", "close")
    helper.settle()
    assert.are.same(node.cork_after_end, log)
  end)
end)
