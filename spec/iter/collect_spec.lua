-- collect: cstream behaviour beyond Node's own tests; see spec/README.md.

local helper = require("spec.helper")
local stream = require("cstream")
local Readable = stream.Readable

local function message(err)
  if type(err) == "table" then return err.message end
  return tostring(err)
end

describe("collect", function()
  it("concatenates a byte stream", function()
    local log = {}
    local r = Readable.new({ read = function() end })
    r:collect(function(err, result) helper.put(log, "cb", err == nil, result) end)
    r:push("a")
    helper.setTimeout(function() r:push("bc"); r:push(nil) end, 2)
    helper.settle()
    assert.are.same({ "cb", true, "abc" }, log)
  end)

  it("gives an array for an object stream", function()
    local log = {}
    local r = Readable.from({ 1, "x", false, { y = 2 } })
    r:collect(function(err, result) helper.put(log, "cb", err == nil, result) end)
    helper.settle()
    assert.are.same({ "cb", true, { 1, "x", false, { y = 2 } } }, log)
  end)

  it("gives the error of a failed stream, once", function()
    local log = {}
    local kaboom = { message = "kaboom" }
    local r = Readable.new({ read = function() end })
    r:push("a")
    r:collect(function(err) helper.put(log, "cb", err == kaboom) end)
    helper.setTimeout(function() r:destroy(kaboom) end, 2)
    helper.settle()
    assert.are.same({ "cb", true }, log)
  end)

  it("an empty byte stream gives ''", function()
    local log = {}
    local r = Readable.new({ read = function(self) self:push(nil) end })
    r:collect(function(err, result) helper.put(log, err == nil, result) end)
    helper.settle()
    assert.are.same({ true, "" }, log)
  end)

  it("an empty object stream gives {}", function()
    local log = {}
    local r = Readable.from({})
    r:collect(function(err, result) helper.put(log, err == nil, result) end)
    helper.settle()
    assert.are.same({ true, {} }, log)
  end)

  it("concatenates the decoded text with an encoding", function()
    local log = {}
    local r = Readable.new({ read = function() end, encoding = "hex" })
    r:collect(function(err, result) helper.put(log, err == nil, result) end)
    r:push("ab")
    r:push("c")
    r:push(nil)
    helper.settle()
    assert.are.same({ true, "616263" }, log)
  end)

  it("collects a large stream of many chunks", function()
    local log = {}
    local n = 0
    local r = Readable.new({
      read = function(self)
        n = n + 1
        if n > 1000 then self:push(nil) else self:push(("%04d"):format(n)) end
      end,
    })
    r:collect(function(err, result) helper.put(log, err == nil, #result, result:sub(1, 8), result:sub(-4)) end)
    helper.settle()
    assert.are.same({ true, 4000, "00010002", "1000" }, log)
  end)
end)
