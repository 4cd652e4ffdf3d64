-- A _read replaced while the stream reads is the one called next, as in Node
-- (the binding keeps the instance's _read between calls and forgets it on
-- an assignment; a class's _read is looked up every time).  The sequences
-- are what node v20 printed for the same three streams in JavaScript
-- (instance _read replaced, the prototype's _read replaced, the instance's
-- deleted: `self._read = nil` in Lua).

local helper = require("spec.helper")
local stream = require("cstream")
local Readable = stream.Readable

describe("_read replaced while reading", function()
  it("an instance's _read replaced from inside _read", function()
    local log, i = {}, 0
    local r = Readable.new({
      highWaterMark = 1,
      read = function(self)
        i = i + 1
        helper.put(log, "a" .. i)
        self._read = function(s2)
          i = i + 1
          helper.put(log, "b" .. i)
          if i >= 4 then s2:push(nil) else s2:push("y") end
        end
        self:push("x")
      end,
    })
    r:on("data", function(d) helper.put(log, "d:" .. d) end)
    r:on("end", function() helper.put(log, "end") end)
    helper.settle()
    assert.are.same({ "a1", "b2", "d:x", "b3", "d:y", "b4", "d:y", "end" }, log)
  end)

  it("the class's _read replaced after reading began", function()
    local log, i = {}, 0
    local C = Readable:extend()
    function C:_read()
      i = i + 1
      helper.put(log, "c" .. i)
      self:push("x")
      function C:_read()
        i = i + 1
        helper.put(log, "e" .. i)
        if i >= 3 then self:push(nil) else self:push("z") end
      end
    end
    local r = C.new({ highWaterMark = 1 })
    r:on("data", function(d) helper.put(log, "d:" .. d) end)
    r:on("end", function() helper.put(log, "end") end)
    helper.settle()
    assert.are.same({ "c1", "e2", "d:x", "e3", "d:z", "end" }, log)
  end)

  it("the instance's _read removed: the class's is called", function()
    local log = {}
    local C = Readable:extend()
    function C:_read()
      helper.put(log, "class")
      self:push(nil)
    end
    local r = C.new({
      highWaterMark = 1,
      read = function(self)
        helper.put(log, "inst")
        self._read = nil
        self:push("x")
      end,
    })
    r:on("data", function(d) helper.put(log, "d:" .. d) end)
    r:on("end", function() helper.put(log, "end") end)
    helper.settle()
    assert.are.same({ "inst", "class", "d:x", "end" }, log)
  end)

  it("a _read that frees its stream mid-call", function()
    local log, n = {}, 0
    local r = Readable.new({
      read = function(self)
        n = n + 1
        helper.put(log, "read" .. n)
        if n == 1 then
          self:push("x")
          self:__gc()   -- only marked: the entry driving it frees it
        end
      end,
    })
    r:on("data", function(d) helper.put(log, "d:" .. d) end)
    helper.settle()
    local ok, err = pcall(r.push, r, "y")
    assert.is_false(ok)
    assert.are.equal("ERR_STREAM_DESTROYED", helper.errtext(err))
    assert.are.same({ "read1", "read2", "d:x" }, log)  -- node v20 without the __gc
  end)
end)
