-- test-stream-readable-unshift.js (Node 20's test/parallel/), translated; sequences from test/twins/readable/readable_unshift.js. See spec/README.md.

local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local Readable = stream.Readable

local node = twin.run("test/twins/readable/readable_unshift.js")

describe("test-stream-readable-unshift", function()
  -- twin: unshift_string
  it("unshift(string) is delivered as bytes", function()
    local log = {}
    local r = Readable.new({ read = function() end })
    r:on("data", function(c) helper.put(log, type(c), c) end)
    r:unshift("abc")
    helper.settle()
    assert.are.same(node.unshift_string, log)
  end)

  -- twin: front_of_pushed
  it("unshift() puts data in front of pushed data", function()
    local log = {}
    local r = Readable.new({ read = function() end })
    r:on("data", function(c) helper.put(log, c) end)
    r:push("back")
    r:unshift("front")
    helper.settle()
    assert.are.same(node.front_of_pushed, log)
  end)

  -- twin: unshift_base64
  it("unshift(str, 'base64') decodes the string", function()
    local log = {}
    local r = Readable.new({ read = function() end })
    r:on("data", function(c) helper.put(log, c) end)
    r:unshift("YWJj", "base64")
    helper.settle()
    assert.are.same(node.unshift_base64, log)
  end)

  -- twin: unshift_into_base64_setEncoding ... push_and_unshift_option
  for _, how in ipairs({ "setEncoding", "option" }) do
    local function make()
      if how == "option" then
        return Readable.new({ read = function() end, encoding = "base64" })
      end
      local r = Readable.new({ read = function() end })
      r:setEncoding("base64")
      return r
    end

    it("unshift(str, enc) into a base64 stream (" .. how .. ")", function()
      local log = {}
      local r = make()
      r:on("data", function(c) helper.put(log, c) end)
      for _, enc in ipairs({ "utf8", "binary", "hex", "base64" }) do r:unshift("abc", enc) end
      helper.settle()
      -- a string in the stream's own encoding is kept as it is
      assert.are.same(node["unshift_into_base64_" .. how], log)
    end)

    it("push and unshift deliver alike with an encoding (" .. how .. ")", function()
      local log = {}
      local r = make()
      r:on("data", function(c) helper.put(log, c) end)
      r:push("abc")
      r:unshift("abc")
      helper.settle()
      assert.are.same(node["push_and_unshift_" .. how], log)
    end)
  end

  -- twin: object_mode_last_two
  it("unshift() in object mode", function()
    local log = {}
    local obj, arr = {}, {}
    local r = Readable.new({ objectMode = true, read = function() end })
    r:on("data", function(c) helper.put(log, c) end)
    for _, c in ipairs({ "a", 1, obj, arr }) do r:unshift(c) end
    helper.settle()
    assert.are.equal(4, #log)
    assert.are.equal(arr, log[1])
    assert.are.equal(obj, log[2])
    assert.are.same(node.object_mode_last_two, twin.strings({ log[3], log[4] }))
  end)

  -- twin: above_hwm_27192
  it("unshift() from a 'readable' listener above the highWaterMark (#27192)", function()
    local log = {}
    local hwm = 50
    local items = {}
    for i = 0, hwm * 2 - 1 do items[#items + 1] = tostring(i) end
    local st
    st = Readable.new({
      highWaterMark = hwm,
      read = function(self)
        while #items > 0 do
          local chunk = table.remove(items, 1)
          if #items == 0 then
            self:push(chunk)
            self:push(nil)
            return
          end
          if not self:push(chunk) then return end
        end
      end,
    })
    local onRead
    onRead = helper.guard(function()
      local c = st:read()
      if c ~= nil then
        helper.put(log, "read:" .. #c)
        st:removeListener("readable", onRead)
        st:unshift("a")
        st:on("data", function(chunk) helper.put(log, "data:" .. #chunk) end)
      end
    end)
    st:once("readable", onRead)
    st:on("end", function() helper.put(log, "end") end)
    helper.settle()
    assert.are.same(node.above_hwm_27192, log)
  end)

  -- twin: after_end
  it("unshift() after 'end' is ERR_STREAM_UNSHIFT_AFTER_END_EVENT", function()
    local log = {}
    local r = Readable.new({ read = function() end })
    r:on("end", helper.guard(function() helper.put(log, "end"); r:unshift("x") end))
    r:on("error", function(e) helper.put(log, "error:" .. tostring(helper.errcode(e))) end)
    r:on("close", function() helper.put(log, "close") end)
    r:resume()
    r:push(nil)
    helper.settle()
    assert.are.same(node.after_end, log)
  end)

  -- twin: after_eof_before_end
  it("unshift() after push(nil) but before 'end' is fine", function()
    local log = {}
    local r = Readable.new({ read = function() end })
    r:push("b")
    r:push(nil)
    r:unshift("a")
    r:on("data", function(c) helper.put(log, c) end)
    r:on("end", function() helper.put(log, "end") end)
    r:on("error", function(e) helper.put(log, "error:" .. tostring(helper.errcode(e))) end)
    helper.settle()
    assert.are.same(node.after_eof_before_end, log)
  end)
end)
