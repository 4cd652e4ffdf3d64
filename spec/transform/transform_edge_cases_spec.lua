-- Transform edge cases (Node's transform.js): cstream behaviour beyond Node's own tests; see spec/README.md.

local helper = require("spec.helper")
local stream = require("cstream")
local Transform = stream.Transform
local PassThrough = stream.PassThrough

-- Cases Node's tests leave implicit; the expected sequences come from twins all
-- the same.
describe("Transform edge cases (Node's transform.js)", function()
  it("write() after end() calls back and emits ERR_STREAM_WRITE_AFTER_END", function()
    local log = {}
    local t = Transform.new({ transform = function(_, c, _, cb) cb(nil, c) end })
    helper.record(t, log, { "error", "close", "finish", "end" })
    t["end"](t, "a")
    t:write("b", function(err) helper.put(log, "cb:" .. helper.errtext(err, "null")) end)
    t:resume()
    helper.settle()
    assert.are.same({ "finish", "cb:ERR_STREAM_WRITE_AFTER_END",
      "error:ERR_STREAM_WRITE_AFTER_END", "close" }, log)
  end)

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
    assert.are.same({ "t:a", "close", "wcb:null", "after late cb:0" }, log)
  end)

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
    assert.are.same({ "t:aa", "w:true", "t:bb", "w:true", "w:false", "w:false", "w:false",
      "rl:4 wl:8", "t:cc", "read:aabbcc", "t:dd", "t:ee", "rl:4 wl:2", "drain", "read:ddee",
      "rl:0 wl:0" }, log)
  end)

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
    assert.are.same({ "string:616263:hex", "string:abc:utf8" }, log)
  end)

  it("decodeStrings (default) hands _transform the bytes as 'buffer'", function()
    local log = {}
    local t = Transform.new({ transform = function(_, c, e, cb) helper.put(log, c .. ":" .. e); cb() end })
    t:write("616263", "hex")
    t["end"](t)
    t:resume()
    helper.settle()
    assert.are.same({ "abc:buffer" }, log)
  end)

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
    assert.are.same({ "data:x", "data:f1", "data:f2", "end", "finish", "close" }, log)
  end)

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
    assert.are.same({ "616263:6", "YWJj:4", "\xc3\xa9:2" }, log)
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

  it("PassThrough with decodeStrings = false in object mode keeps the string", function()
    local log = {}
    local pt = PassThrough.new({ decodeStrings = false, objectMode = true })
    pt:on("data", function(d) helper.put(log, type(d) .. ":" .. d) end)
    pt:write("616263", "hex")
    pt["end"](pt)
    helper.settle()
    assert.are.same({ "string:616263" }, log)
  end)

  it("PassThrough decodes writes in its defaultEncoding", function()
    local log = {}
    local pt = PassThrough.new({ defaultEncoding = "hex" })
    pt:on("data", function(d) helper.put(log, d) end)
    pt:write("616263")
    pt["end"](pt)
    helper.settle()
    assert.are.same({ "abc" }, log)
  end)

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
    assert.are.same({ "\xe2\x82\xac", "x" }, log)
  end)

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
    assert.are.same({ "data:x", "final", "error:ferr", "close" }, log)
  end)

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
    assert.are.same({ "t:a", "data:A", "w:true", "t:n1", "data:N1", "w:true", "t:n2",
      "data:N2", "end" }, log)
  end)

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
    assert.are.same({ "corked:1:2", "t:a", "data:a", "t:b", "data:b", "uncorked" }, log)
  end)

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
    assert.are.same({ "flush", "destroy", "close", "flushcb" }, log)
  end)

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
    assert.are.same({ true, true, false, 2, 2, "null", 2, "drain", 1, 2, 1, 0, 1, 0, 3, "null" },
      log)
  end)
end)
