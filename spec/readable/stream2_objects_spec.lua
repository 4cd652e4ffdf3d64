-- test-stream2-objects.js (Node 20's test/parallel/), translated; see spec/README.md.

local helper = require("spec.helper")
local stream = require("cstream")
local Readable = stream.Readable
local Writable = stream.Writable
local twin = require("spec.twin")
local node = twin.run("test/twins/readable/stream2_objects.js")

-- A log as the twin prints it: a collected list spread into it, each entry
-- tostring'd.
local function flat(log)
  local out = {}
  for _, v in ipairs(log) do
    if type(v) == "table" then
      for _, c in ipairs(v) do out[#out + 1] = tostring(c) end
    else
      out[#out + 1] = tostring(v)
    end
  end
  return out
end

describe("test-stream2-objects", function()
  local function fromArray(list)
    local r = Readable.new({ objectMode = true, read = function() end })
    for _, c in ipairs(list) do r:push(c) end
    r:push(nil)
    return r
  end
  local function toArray(log)
    local list = {}
    local w = Writable.new({
      objectMode = true,
      write = function(_, c, _, cb) helper.put(list, c); cb() end,
    })
    w:on("finish", function() helper.put(log, "finish", list) end)
    return w
  end

  it("can read objects from a stream", function()
    local r = fromArray({ { one = "1" }, { two = "2" } })
    local got = { r:read(), r:read() }
    assert.are.same({ { one = "1" }, { two = "2" } }, got)
    assert.is_nil(r:read())
    helper.settle()
  end)

  it("can pipe objects into a stream", function()
    local log = {}
    fromArray({ { one = "1" }, { two = "2" } }):pipe(toArray(log))
    helper.settle()
    assert.are.same({ "finish", { { one = "1" }, { two = "2" } } }, log)
  end)

  it("read(n) reads one object whatever n is", function()
    local r = fromArray({ { one = "1" }, { two = "2" } })
    assert.are.same({ one = "1" }, r:read(2))
    helper.settle()
  end)

  it("can read objects from a synchronous _read", function()
    local log = {}
    local list = { { one = "1" }, { two = "2" } }
    local r
    r = Readable.new({ objectMode = true, read = function() r:push(table.remove(list, 1)) end })
    r:pipe(toArray(log))
    helper.settle()
    assert.are.same({ "finish", { { one = "1" }, { two = "2" } } }, log)
  end)

  it("can read objects from an asynchronous _read", function()
    local log = {}
    local list = { { one = "1" }, { two = "2" } }
    local r
    r = Readable.new({
      objectMode = true,
      read = function()
        local item = table.remove(list, 1)
        helper.nextTick(function() r:push(item) end)
      end,
    })
    r:pipe(toArray(log))
    helper.settle()
    assert.are.same({ "finish", { { one = "1" }, { two = "2" } } }, log)
  end)

  -- twin: strings_as_objects
  it("can read strings as objects", function()
    local log = {}
    fromArray({ "one", "two", "three" }):pipe(toArray(log))
    helper.settle()
    assert.are.same(node.strings_as_objects, flat(log))
  end)

  -- twin: read0
  it("read(0) of an object stream", function()
    local log = {}
    local r = fromArray({ "foobar" })
    helper.put(log, helper.nullstr(r:read(0)))
    r:pipe(toArray(log))
    helper.settle()
    assert.are.same(node.read0, flat(log))
  end)

  -- twin: falsey
  it("falsey values are ordinary chunks", function()
    local log = {}
    fromArray({ false, 0, "" }):pipe(toArray(log))
    helper.settle()
    assert.are.same(node.falsey, flat(log))
  end)

  -- twin: hwm_read
  it("highWaterMark counts objects for _read", function()
    local calls = 0
    local r = Readable.new({ highWaterMark = 6, objectMode = true, read = function() calls = calls + 1 end })
    for _, c in ipairs({ "1", "2", "3", "4", "5", "6", "7", "8" }) do r:push(c) end
    local got = { r:read(), calls, r:read(), calls, r:read(), calls, r.readableLength }
    assert.are.same(node.hwm_read, twin.strings(got))
    helper.settle()
  end)

  -- twin: hwm_push
  it("push() returns false at highWaterMark objects", function()
    local r = Readable.new({ highWaterMark = 6, objectMode = true, read = function() end })
    local got = {}
    for i = 0, 6 do helper.put(got, r:push(i)) end
    helper.put(got, r.readableLength)
    assert.are.same(node.hwm_push, twin.strings(got))
    helper.settle()
  end)

  it("the default object highWaterMark is 16", function()
    local r = Readable.new({ objectMode = true, read = function() end })
    local got = { r.readableHighWaterMark, r.readableObjectMode }
    for i = 0, 16 do helper.put(got, r:push(i)) end
    local expected = { 16, true }
    for i = 0, 16 do helper.put(expected, i < 15) end
    assert.are.same(expected, got)
    helper.settle()
  end)
end)
