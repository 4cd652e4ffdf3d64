-- Transform edge cases (Node's transform.js): cstream behaviour beyond Node's own tests; see spec/README.md.

local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local Transform = stream.Transform
local PassThrough = stream.PassThrough

-- What node v20 printed for each case named in a `twin:` comment:
-- test/twins/transform/transform_edge_cases.js.
local node = twin.run("test/twins/transform/transform_edge_cases.js")

-- Cases Node's tests leave implicit; the expected sequences come from their twin
-- all the same.

describe("Transform edge cases (Node's transform.js)", function()
  -- twin: write_after_end
  it("write() after end() calls back and emits ERR_STREAM_WRITE_AFTER_END", function()
    local log = {}
    local t = Transform.new({ transform = function(_, c, _, cb) cb(nil, c) end })
    helper.record(t, log, { "error", "close", "finish", "end" })
    t["end"](t, "a")
    t:write("b", function(err) helper.put(log, "cb:" .. helper.errtext(err, "null")) end)
    t:resume()
    helper.settle()
    assert.are.same(node.write_after_end, twin.strings(log))
  end)

  -- twin: late_transform_cb
  it("a transform callback that arrives after destroy() is ignored", function()
    local log = {}
    local saved
    local t = Transform.new({ transform = function(_, c, _, cb) helper.put(log, "t:" .. c); saved = cb end })
    helper.record(t, log, { "error", "close", "finish", "end", "data" })
    t:write("a", function(err) helper.put(log, "wcb:" .. helper.errtext(err, "null")) end)
    t:destroy()
    helper.setImmediate(function()
      saved(nil, "late")
      helper.put(log, "after late cb:" .. t.readableLength)
    end)
    helper.settle()
    assert.are.same(node.late_transform_cb, twin.strings(log))
  end)

  -- twin: full_readable_side
  it("a full readable side parks the transform callback until read()", function()
    local log = {}
    local t = Transform.new({
      highWaterMark = 4,
      transform = function(_, c, _, cb) helper.put(log, "t:" .. c); cb(nil, c) end,
    })
    t:on("drain", function() helper.put(log, "drain") end)
    for _, c in ipairs({ "aa", "bb", "cc", "dd", "ee" }) do helper.put(log, "w:" .. tostring(t:write(c))) end
    helper.put(log, "rl:" .. t.readableLength .. " wl:" .. t.writableLength)
    helper.setImmediate(function()
      helper.put(log, "read:" .. helper.nullstr(t:read()))
      helper.setImmediate(function()
        helper.put(log, "rl:" .. t.readableLength .. " wl:" .. t.writableLength)
        local c = t:read()
        while c ~= nil do
          helper.put(log, "read:" .. c)
          c = t:read()
        end
        helper.setImmediate(function() helper.put(log, "rl:" .. t.readableLength .. " wl:" .. t.writableLength) end)
      end)
    end)
    helper.settle()
    assert.are.same(node.full_readable_side, twin.strings(log))
  end)

  -- twin: no_decode_strings
  it("decodeStrings = false hands _transform the string and its encoding", function()
    local log = {}
    local t = Transform.new({
      decodeStrings = false,
      transform = function(_, c, e, cb) helper.put(log, type(c) .. ":" .. c .. ":" .. e); cb() end,
    })
    t:write("616263", "hex")
    t:write("abc")
    t["end"](t)
    t:resume()
    helper.settle()
    assert.are.same(node.no_decode_strings, twin.strings(log))
  end)

  -- twin: decode_strings
  it("decodeStrings (default) hands _transform the bytes as 'buffer'", function()
    local log = {}
    local t = Transform.new({ transform = function(_, c, e, cb) helper.put(log, c .. ":" .. e); cb() end })
    t:write("616263", "hex")
    t["end"](t)
    t:resume()
    helper.settle()
    assert.are.same(node.decode_strings, twin.strings(log))
  end)

  -- twin: flush_push_and_cb
  it("_flush may push and also give data to its callback", function()
    local log = {}
    local t = Transform.new({
      transform = function(_, c, _, cb) cb(nil, c) end,
      flush = function(self, cb)
        self:push("f1")
        cb(nil, "f2")
      end,
    })
    t:on("data", function(d) helper.put(log, "data:" .. d) end)
    helper.record(t, log)
    t["end"](t, "x")
    helper.settle()
    assert.are.same(node.flush_push_and_cb, twin.strings(log))
  end)

  -- twin: passthrough_no_decode
  it("PassThrough with decodeStrings = false pushes the string in the default encoding", function()
    -- Node's PassThrough calls back with the chunk alone, so the write's
    -- encoding is not used to decode it: '616263' stays six characters.
    local log = {}
    local pt = PassThrough.new({ decodeStrings = false })
    pt:on("data", function(d) helper.put(log, d .. ":" .. #d) end)
    pt:write("616263", "hex")
    pt:write("YWJj", "base64")
    pt:write("\xc3\xa9", "latin1")
    pt["end"](pt)
    helper.settle()
    assert.are.same(node.passthrough_no_decode, twin.strings(log))
  end)

  it("decodeStrings = false: the pushed string is decoded in defaultEncoding", function()
    -- push(chunk) without an encoding uses the readable side's defaultEncoding,
    -- which the defaultEncoding option sets too: "616263" becomes "abc" and "zz"
    -- (not hex) an empty chunk, whatever encoding write() was given.
    local logs = {}
    for i, make in ipairs({
      function() return PassThrough.new({ decodeStrings = false, defaultEncoding = "hex" }) end,
      function()
        return Transform.new({ decodeStrings = false, defaultEncoding = "hex",
          transform = function(_, c, _, cb) cb(nil, c) end })
      end,
    }) do
      local log = {}
      logs[i] = log
      local pt = make()
      pt:on("data", function(d) helper.put(log, d .. ":" .. #d) end)
      pt:on("end", function() helper.put(log, "end") end)
      pt:write("616263")
      pt:write("zz", "latin1")
      pt:write("6465", "utf8")
      pt["end"](pt)
    end
    helper.settle()
    assert.are.same({ { "abc:3", "de:2", "end" }, { "abc:3", "de:2", "end" } }, logs)
  end)

  -- twin: passthrough_no_decode_object
  it("PassThrough with decodeStrings = false in object mode keeps the string", function()
    local log = {}
    local pt = PassThrough.new({ decodeStrings = false, objectMode = true })
    pt:on("data", function(d) helper.put(log, type(d) .. ":" .. d) end)
    pt:write("616263", "hex")
    pt["end"](pt)
    helper.settle()
    assert.are.same(node.passthrough_no_decode_object, twin.strings(log))
  end)

  -- twin: passthrough_default_encoding
  it("PassThrough decodes writes in its defaultEncoding", function()
    local log = {}
    local pt = PassThrough.new({ defaultEncoding = "hex" })
    pt:on("data", function(d) helper.put(log, d) end)
    pt:write("616263")
    pt["end"](pt)
    helper.settle()
    assert.are.same(node.passthrough_default_encoding, twin.strings(log))
  end)

  -- twin: passthrough_utf8_whole_chars
  it("PassThrough with setEncoding('utf8') never splits a character", function()
    local log = {}
    local pt = PassThrough.new()
    pt:setEncoding("utf8")
    pt:on("data", function(d) helper.put(log, d) end)
    pt:write("\xe2")
    pt:write("\x82\xac")
    pt:write("x")
    pt["end"](pt)
    helper.settle()
    assert.are.same(node.passthrough_utf8_whole_chars, twin.strings(log))
  end)

  -- twin: final_error_skips_flush
  it("an error from _final skips _flush: 'error' then 'close'", function()
    local log = {}
    local t = Transform.new({
      transform = function(_, c, _, cb) cb(nil, c) end,
      final = function(_, cb) helper.put(log, "final"); cb("ferr") end,
      flush = function(_, cb) helper.put(log, "flush"); cb() end,
    })
    t:on("data", function(d) helper.put(log, "data:" .. d) end)
    helper.record(t, log, { "error", "finish", "end", "close", "prefinish" })
    t["end"](t, "x")
    helper.settle()
    assert.are.same(node.final_error_skips_flush, twin.strings(log))
  end)

  -- twin: writes_from_data
  it("writes made from a 'data' listener are transformed in order", function()
    local log = {}
    local t
    t = Transform.new({
      transform = function(_, c, _, cb) helper.put(log, "t:" .. c); cb(nil, c:upper()) end,
    })
    local n = 0
    t:on("data", function(d)
      helper.put(log, "data:" .. d)
      if n < 2 then
        n = n + 1
        helper.put(log, "w:" .. tostring(t:write("n" .. n)))
      end
    end)
    t:write("a")
    t:on("end", function() helper.put(log, "end") end)
    t["end"](t)
    helper.settle()
    assert.are.same(node.writes_from_data, twin.strings(log))
  end)

  -- twin: cork_holds
  it("cork() holds writes until uncork()", function()
    local log = {}
    local t = Transform.new({ transform = function(_, c, _, cb) helper.put(log, "t:" .. c); cb(nil, c) end })
    t:on("data", function(d) helper.put(log, "data:" .. d) end)
    t:cork()
    t:write("a")
    t:write("b")
    helper.put(log, "corked:" .. t.writableCorked .. ":" .. t.writableLength)
    helper.nextTick(function()
      t:uncork()
      helper.put(log, "uncorked")
      t["end"](t)
    end)
    helper.settle()
    assert.are.same(node.cork_holds, twin.strings(log))
  end)

  -- twin: late_flush_cb
  it("a flush callback that arrives after destroy() is ignored", function()
    local log = {}
    local t = Transform.new({
      transform = function(_, _, _, cb) cb() end,
      flush = function(_, cb)
        helper.put(log, "flush")
        helper.setTimeout(function()
          helper.put(log, "flushcb")
          cb(nil, "late")
        end, 5)
      end,
    })
    helper.record(t, log, { "error", "finish", "end", "close", "data" })
    t["end"](t, "x")
    helper.setImmediate(function()
      helper.put(log, "destroy")
      t:destroy()
    end)
    helper.settle()
    assert.are.same(node.late_flush_cb, twin.strings(log))
  end)

  -- twin: object_passthrough_hwm
  it("an object-mode PassThrough at its highWaterMark: read(0), read() and 'drain'", function()
    local log = {}
    local pt = PassThrough.new({ objectMode = true, highWaterMark = 2 })
    helper.put(log, pt:write(1), pt:write(2), pt:write(3), pt.readableLength, pt.writableLength)
    helper.put(log, helper.nullstr(pt:read(0)), pt.readableLength)
    pt:on("drain", function() helper.put(log, "drain") end)
    helper.put(log, pt:read(), pt:read(), pt.readableLength, pt.writableLength)
    helper.setImmediate(function()
      helper.put(log, pt.readableLength, pt.writableLength, pt:read(), helper.nullstr(pt:read()))
    end)
    helper.settle()
    assert.are.same(node.object_passthrough_hwm, twin.strings(log))
  end)
end)
