-- Transform and PassThrough, translated from Node 20's own tests
-- (test/parallel/test-stream2-transform.js, test-stream-transform-*.js,
-- test-stream-passthrough-drain.js). Each describe is named after the Node test
-- file it translates. Every expected sequence below is what node v20 printed
-- for a JS twin of the spec (the twins live outside the repository).
-- Buffers are Lua strings; JSON.stringify/parse become ser() and load().

local uv = require("luv")
local helper = require("spec.helper")
local stream = require("cstream")
local Readable = stream.Readable
local Writable = stream.Writable
local Transform = stream.Transform
local PassThrough = stream.PassThrough

local guard = helper.guard

-- Runs the loop until it ends by itself, then checks that nothing is left open.
local finish = helper.settle

-- Node's setTimeout/setImmediate: a luv timer that closes itself, made from a
-- tick because Node runs every tick the main script queued before any timer.
local setTimeout, setImmediate = helper.setTimeout, helper.setImmediate
local nextTick = helper.nextTick
local put = helper.put
-- read() results as the twins print them.
local s = helper.nullstr
-- An error as the twins print it: cstream's code, a user error's message.
local code = helper.errfmt_null

-- JSON.stringify for the values these tests use: arrays, string-keyed tables
-- (keys sorted), strings, integers, booleans.
local function json(v)
  local t = type(v)
  if t == "nil" then return "null" end
  if t == "string" then return '"' .. v .. '"' end
  if t ~= "table" then return tostring(v) end
  local out = {}
  if #v > 0 then
    for i = 1, #v do out[i] = json(v[i]) end
    return "[" .. table.concat(out, ",") .. "]"
  end
  local keys = {}
  for k in pairs(v) do keys[#keys + 1] = k end
  table.sort(keys)
  for i, k in ipairs(keys) do out[i] = '"' .. k .. '":' .. json(v[k]) end
  return "{" .. table.concat(out, ",") .. "}"
end

-- The Lua-literal form of v, so that load("return " .. ser(v)) rebuilds it.
local function ser(v)
  if type(v) == "string" then return ("%q"):format(v) end
  if type(v) ~= "table" then return tostring(v) end
  local out = {}
  for i = 1, #v do out[#out + 1] = ser(v[i]) end
  for k, x in pairs(v) do
    if type(k) == "string" then out[#out + 1] = ("[%q]=%s"):format(k, ser(x)) end
  end
  return "{" .. table.concat(out, ",") .. "}"
end

-- The named events of d (default end/finish/close/error); errors as "error:<code>".
local record = helper.record

local function writeAll(w, list)
  for _, c in ipairs(list) do w:write(c) end
end

describe("test-stream2-transform", function()
  it("verifies writable side consumption", function()
    local log = {}
    local transformed = 0
    local tx = Transform.new({ highWaterMark = 10 })
    function tx:_transform(chunk, _, cb)
      transformed = transformed + #chunk
      tx:push(chunk)
      cb()
    end
    for i = 1, 10 do put(log, tx:write(string.rep("\0", i))) end
    tx["end"](tx)
    put(log, tx.readableLength, transformed, tx.writableLength)
    finish()
    assert.are.same({ true, true, true, true, true, false, false, false, false, false,
      10, 10, 49 }, log)
  end)

  it("verifies passthrough behavior", function()
    local log = {}
    local pt = PassThrough.new()
    writeAll(pt, { "foog", "bark", "bazy", "kuel" })
    pt["end"](pt)
    for _ = 1, 5 do put(log, s(pt:read(5))) end
    finish()
    assert.are.same({ "foogb", "arkba", "zykue", "l", "null" }, log)
  end)

  it("verifies object passthrough behavior", function()
    local log = {}
    local pt = PassThrough.new({ objectMode = true })
    writeAll(pt, { 1, true, false, 0, "foo", "", { a = "b" } })
    pt["end"](pt)
    for _ = 1, 8 do put(log, json(pt:read())) end
    finish()
    assert.are.same({ "1", "true", "false", "0", '"foo"', '""', '{"a":"b"}', "null" }, log)
  end)

  it("verifies passthrough and transform constructor behavior", function()
    local pt, tr = PassThrough.new(), Transform.new()
    assert.is_true(PassThrough:isInstance(pt))
    assert.is_true(Transform:isInstance(pt))
    assert.is_true(Transform:isInstance(tr))
    assert.is_false(PassThrough:isInstance(tr))
    finish()
  end)

  it("performs a simple transform", function()
    local log = {}
    local pt = Transform.new()
    function pt:_transform(c, _, cb)
      pt:push(string.rep("x", #c))
      cb()
    end
    writeAll(pt, { "foog", "bark", "bazy", "kuel" })
    pt["end"](pt)
    for _ = 1, 5 do put(log, s(pt:read(5))) end
    finish()
    assert.are.same({ "xxxxx", "xxxxx", "xxxxx", "x", "null" }, log)
  end)

  it("verifies simple object transform", function()
    local log = {}
    local pt = Transform.new({ objectMode = true })
    function pt:_transform(c, _, cb)
      pt:push(json(c))
      cb()
    end
    writeAll(pt, { 1, true, false, 0, "foo", "", { a = "b" } })
    pt["end"](pt)
    for _ = 1, 8 do put(log, s(pt:read())) end
    finish()
    assert.are.same({ "1", "true", "false", "0", '"foo"', '""', '{"a":"b"}', "null" }, log)
  end)

  it("verifies async passthrough", function()
    local log = {}
    local pt = Transform.new()
    function pt:_transform(chunk, _, cb)
      setTimeout(function()
        pt:push(chunk)
        cb()
      end, 10)
    end
    writeAll(pt, { "foog", "bark", "bazy", "kuel" })
    pt["end"](pt)
    pt:on("finish", function()
      put(log, "finish")
      for _ = 1, 5 do put(log, s(pt:read(5))) end
    end)
    finish()
    assert.are.same({ "finish", "foogb", "arkba", "zykue", "l", "null" }, log)
  end)

  it("verifies asymmetric transform (expand)", function()
    local log = {}
    local pt = Transform.new()
    function pt:_transform(chunk, _, cb)
      setTimeout(function()
        pt:push(chunk)
        setTimeout(function()
          pt:push(chunk)
          cb()
        end, 10)
      end, 10)
    end
    writeAll(pt, { "foog", "bark", "bazy", "kuel" })
    pt["end"](pt)
    pt:on("finish", function()
      put(log, "finish")
      for _ = 1, 8 do put(log, s(pt:read(5))) end
    end)
    finish()
    assert.are.same({ "finish", "foogf", "oogba", "rkbar", "kbazy", "bazyk", "uelku",
      "el", "null" }, log)
  end)

  it("verifies asymmetric transform (compress)", function()
    local log = {}
    local pt = Transform.new()
    pt.state = ""
    function pt:_transform(chunk, _, cb)
      local c = chunk:sub(1, 1)
      setTimeout(function()
        self.state = self.state .. c
        if #self.state == 3 then
          pt:push(self.state)
          self.state = ""
        end
        cb()
      end, 10)
    end
    function pt:_flush(cb)
      put(log, "flush")
      pt:push(self.state)
      self.state = ""
      cb()
    end
    for c in ("abcdeabcdeabcd"):gmatch(".") do pt:write(c:rep(4)) end
    pt["end"](pt)
    pt:on("finish", function()
      put(log, "finish")
      for _ = 1, 4 do put(log, s(pt:read(5))) end
    end)
    finish()
    assert.are.same({ "flush", "finish", "abcde", "abcde", "abcd", "null" }, log)
  end)

  it("verifies complex transform behavior (no stall with empty transforms)", function()
    local log = {}
    local count, saved = 0, nil
    local pt = Transform.new({ highWaterMark = 3 })
    function pt:_transform(c, _, cb)
      count = count + 1
      if count == 2 then
        saved = c
      else
        if saved then
          pt:push(saved)
          saved = nil
        end
        pt:push(c)
      end
      cb()
    end
    pt:once("readable", function()
      put(log, "readable")
      nextTick(function()
        pt:write("d")
        pt:write("ef", function()
          put(log, "cb")
          pt["end"](pt)
        end)
        put(log, s(pt:read()))
        put(log, s(pt:read()))
      end)
    end)
    pt:on("finish", function() put(log, "finish") end)
    put(log, pt:write("abc"))
    finish()
    assert.are.same({ false, "readable", "abcdef", "cb", "null", "finish" }, log)
  end)

  it("verifies passthrough event emission", function()
    local log = {}
    local pt = PassThrough.new()
    local emits = 0
    pt:on("readable", function() emits = emits + 1 end)
    pt:write("foog")
    pt:write("bark")
    put(log, emits, s(pt:read(5)), s(pt:read(5)), emits)
    pt:write("bazy")
    pt:write("kuel")
    put(log, emits, s(pt:read(5)), s(pt:read(5)), s(pt:read(5)))
    pt["end"](pt)
    put(log, emits, s(pt:read(5)), s(pt:read(5)), emits)
    setImmediate(function() put(log, "later", emits) end)
    finish()
    assert.are.same({ 0, "foogb", "null", 0, 0, "arkba", "zykue", "null", 1, "l",
      "null", 1, "later", 3 }, log)
  end)

  it("verifies passthrough event emission reordering", function()
    local log = {}
    local pt = PassThrough.new()
    local emits = 0
    pt:on("readable", function() emits = emits + 1 end)
    pt:write("foog")
    pt:write("bark")
    put(log, emits, s(pt:read(5)), s(pt:read(5)))
    pt:once("readable", function()
      put(log, "r1", s(pt:read(5)), s(pt:read(5)))
      pt:once("readable", function()
        put(log, "r2", s(pt:read(5)), s(pt:read(5)))
        pt:once("readable", function()
          put(log, "r3", s(pt:read(5)), s(pt:read(5)), emits)
        end)
        pt["end"](pt)
      end)
      pt:write("kuel")
    end)
    pt:write("bazy")
    finish()
    assert.are.same({ 0, "foogb", "null", "r1", "arkba", "null", "r2", "zykue", "null",
      "r3", "l", "null", 3 }, log)
  end)

  it("verifies passthrough facade", function()
    local log = {}
    local pt = PassThrough.new()
    pt:on("data", function(c) put(log, c) end)
    pt:on("end", function() put(log, "end") end)
    pt:write("foog")
    setTimeout(function()
      pt:write("bark")
      setTimeout(function()
        pt:write("bazy")
        setTimeout(function()
          pt:write("kuel")
          setTimeout(function() pt["end"](pt) end, 10)
        end, 10)
      end, 10)
    end, 10)
    finish()
    assert.are.same({ "foog", "bark", "bazy", "kuel", "end" }, log)
  end)

  local objects = {
    { foo = "bar" },
    100,
    "string",
    { nested = { things = { { foo = "bar" }, 100, "string" } } },
  }

  it("verifies object transform (parse)", function()
    local log = {}
    local ended = false
    local jp = Transform.new({ objectMode = true })
    function jp:_transform(data, _, cb)
      local f, err = load("return " .. data, "=data", "t", {})
      if not f then return cb(err) end
      jp:push(f())
      cb()
    end
    jp:on("end", function()
      ended = true
      put(log, "end")
    end)
    for _, obj in ipairs(objects) do
      jp:write(ser(obj))
      put(log, json(jp:read()))
    end
    jp["end"](jp)
    jp:read()
    put(log, "sync:" .. tostring(ended))
    nextTick(function() put(log, "tick:" .. tostring(ended)) end)
    finish()
    assert.are.same({ '{"foo":"bar"}', "100", '"string"',
      '{"nested":{"things":[{"foo":"bar"},100,"string"]}}', "sync:false", "end",
      "tick:true" }, log)
  end)

  it("verifies object transform (stringify)", function()
    local log = {}
    local ended = false
    local js = Transform.new({ objectMode = true })
    function js:_transform(data, _, cb)
      js:push(json(data))
      cb()
    end
    js:on("end", function()
      ended = true
      put(log, "end")
    end)
    for _, obj in ipairs(objects) do
      js:write(obj)
      put(log, js:read())
    end
    js["end"](js)
    js:read()
    put(log, "sync:" .. tostring(ended))
    nextTick(function() put(log, "tick:" .. tostring(ended)) end)
    finish()
    assert.are.same({ '{"foo":"bar"}', "100", '"string"',
      '{"nested":{"things":[{"foo":"bar"},100,"string"]}}', "sync:false", "end",
      "tick:true" }, log)
  end)

  it("pushes from construct before the first transformed chunk", function()
    local log = {}
    local t = Transform.new({
      objectMode = true,
      construct = function(self, callback)
        self:push("header from constructor")
        callback()
      end,
      transform = function(_, row, _, callback) callback(nil, row) end,
    })
    t:on("data", function(d) put(log, d) end)
    t:write("firstLine")
    nextTick(function() t:write("secondLine") end)
    finish()
    assert.are.same({ "header from constructor", "firstLine", "secondLine" }, log)
  end)
end)

describe("test-stream-transform-callback-twice", function()
  it("a second call of the transform callback is ERR_MULTIPLE_CALLBACK", function()
    local log = {}
    local t = Transform.new({ transform = function(_, _, _, cb) cb(); cb() end })
    t:on("error", function(e) put(log, "error:" .. code(e) .. ":" .. e.message) end)
    t:on("close", function() put(log, "close") end)
    t:write("foo")
    finish()
    assert.are.same({ "error:ERR_MULTIPLE_CALLBACK:Callback called multiple times",
      "close" }, log)
  end)
end)

describe("test-stream-transform-constructor-set-methods", function()
  it("transform/flush options become _transform/_flush", function()
    local log = {}
    local function _transform(_, _, _, n)
      put(log, "_transform")
      n()
    end
    local function _flush(_, n)
      put(log, "_flush")
      n()
    end
    local t = Transform.new({ transform = _transform, flush = _flush })
    t["end"](t, "blerg")
    t:resume()
    put(log, t._transform == _transform, t._flush == _flush)
    t:on("end", function() put(log, "end") end)
    finish()
    assert.are.same({ "_transform", "_flush", true, true, "end" }, log)
  end)

  -- Node throws from end() here (its default _transform throws synchronously);
  -- API.md section 3 makes that a destroy with ERR_METHOD_NOT_IMPLEMENTED.
  it("a Transform without _transform fails with ERR_METHOD_NOT_IMPLEMENTED", function()
    local log = {}
    local t2 = Transform.new({})
    record(t2, log)
    local ok, err = pcall(t2["end"], t2, "blerg")
    put(log, ok and "no raise" or "raise:" .. code(err))
    finish()
    assert.are.same({ "no raise", "error:ERR_METHOD_NOT_IMPLEMENTED", "close" }, log)
  end)
end)

describe("test-stream-transform-destroy", function()
  local function never() end

  it("destroy() emits only 'close'", function()
    local log = {}
    local t = Transform.new({ transform = never })
    t:resume()
    record(t, log)
    t:destroy()
    finish()
    assert.are.same({ "close" }, log)
  end)

  it("destroy(err) emits 'error' then 'close'", function()
    local log = {}
    local t = Transform.new({ transform = never })
    t:resume()
    record(t, log)
    t:destroy("kaboom")
    finish()
    assert.are.same({ "error:kaboom", "close" }, log)
  end)

  it("_destroy receives the error and passes it on", function()
    local log = {}
    local t = Transform.new({ transform = never })
    function t:_destroy(err, cb)
      put(log, "_destroy:" .. code(err))
      cb(err)
    end
    record(t, log)
    t:destroy("kaboom")
    finish()
    assert.are.same({ "_destroy:kaboom", "error:kaboom", "close" }, log)
  end)

  it("a destroy option that calls back without the error swallows it", function()
    local log = {}
    local t = Transform.new({
      transform = never,
      destroy = function(_, err, cb)
        put(log, "_destroy:" .. code(err))
        cb()
      end,
    })
    t:resume()
    record(t, log)
    t:destroy("kaboom")
    finish()
    assert.are.same({ "_destroy:kaboom", "close" }, log)
  end)

  it("_destroy gets nil when destroy() had no error", function()
    local log = {}
    local t = Transform.new({ transform = never })
    function t:_destroy(err, cb)
      put(log, "_destroy:" .. code(err))
      cb()
    end
    record(t, log)
    t:destroy()
    finish()
    assert.are.same({ "_destroy:null", "close" }, log)
  end)

  it("push(nil) and end() inside an async _destroy: 'end' but no 'finish'", function()
    local log = {}
    local t = Transform.new({ transform = never })
    t:resume()
    function t:_destroy(err, cb)
      put(log, "_destroy:" .. code(err))
      nextTick(function()
        self:push(nil)
        self["end"](self)
        put(log, "cb")
        cb()
      end)
    end
    local function fail() put(log, "fail") end
    t:on("finish", fail)
    t:on("end", fail)
    t:destroy()
    t:removeListener("end", fail)
    t:removeListener("finish", fail)
    record(t, log)
    finish()
    assert.are.same({ "_destroy:null", "cb", "end", "close" }, log)
  end)

  it("_destroy may turn destroy() into an error", function()
    local log = {}
    local t = Transform.new({ transform = never })
    function t:_destroy(err, cb)
      put(log, "_destroy:" .. code(err))
      cb("kaboom")
    end
    record(t, log)
    t:destroy()
    finish()
    assert.are.same({ "_destroy:null", "error:kaboom", "close" }, log)
  end)
end)

-- test-stream-transform-final.js and -final-sync.js: the order of _transform,
-- 'data', _final, _flush, the end() callback, 'finish' and 'end'.
local function finalOrder(sync)
  local log, state = {}, 0
  local function step() state = state + 1; return state end
  local t = Transform.new({
    objectMode = true,
    transform = function(self, chunk, _, nxt)
      put(log, "transform1:" .. step() .. ":" .. chunk)
      self:push(state)
      put(log, "transform2:" .. step())
      nextTick(nxt)
    end,
    final = function(_, done)
      put(log, "final1:" .. step())
      local function part2()
        put(log, "final2:" .. step())
        done()
      end
      if sync then part2() else setTimeout(part2, 100) end
    end,
    flush = function(_, done)
      put(log, "flush1:" .. step())
      nextTick(function()
        put(log, "flush2:" .. step())
        done()
      end)
    end,
  })
  t:on("finish", function() put(log, "finish:" .. step()) end)
  t:on("end", function() put(log, "end:" .. step()) end)
  t:on("data", function(d) put(log, "data:" .. step() .. ":" .. d) end)
  t:write(1)
  t:write(4)
  t["end"](t, 7, function() put(log, "endcb:" .. step()) end)
  finish()
  return log
end

local FINAL_ORDER = { "transform1:1:1", "data:2:1", "transform2:3", "transform1:4:4",
  "data:5:4", "transform2:6", "transform1:7:7", "data:8:7", "transform2:9", "final1:10",
  "final2:11", "flush1:12", "flush2:13", "endcb:14", "finish:15", "end:16" }

describe("test-stream-transform-final", function()
  it("runs _final (async), then _flush, then the end callback, 'finish', 'end'", function()
    assert.are.same(FINAL_ORDER, finalOrder(false))
  end)
end)

describe("test-stream-transform-final-sync", function()
  it("runs _final (sync), then _flush, then the end callback, 'finish', 'end'", function()
    assert.are.same(FINAL_ORDER, finalOrder(true))
  end)
end)

describe("test-stream-transform-flush-data", function()
  it("data given to the flush callback is pushed before the end", function()
    local log = {}
    local t = Transform.new({
      transform = function(_, _, _, n) n() end,
      flush = function(_, n) n(nil, "asdf") end,
    })
    t["end"](t, "blerg")
    t:on("data", function(d) put(log, d) end)
    t:on("end", function() put(log, "end") end)
    finish()
    assert.are.same({ "asdf", "end" }, log)
  end)
end)

describe("test-stream-transform-hwm0", function()
  it("highWaterMark 0 in object mode: write() is false, 'drain' and 'readable' follow", function()
    local log = {}
    local t = Transform.new({
      objectMode = true, highWaterMark = 0,
      transform = function(_, chunk, enc, callback)
        nextTick(function() callback(nil, chunk, enc) end)
      end,
    })
    put(log, t:write(1))
    t:on("drain", function()
      put(log, "drain")
      put(log, t:write(2))
      t["end"](t)
    end)
    t:once("readable", function()
      put(log, "readable", t:read(), s(t:read()))
      t:once("readable", function() put(log, "readable2", t:read()) end)
    end)
    t:on("finish", function() put(log, "finish") end)
    t:on("end", function() put(log, "end") end)
    finish()
    assert.are.same({ false, "drain", false, "readable", 1, "null", "readable2", 2, "end",
      "finish" }, log)
  end)
end)

describe("test-stream-transform-objectmode-falsey-value", function()
  it("falsey object-mode values flow through two PassThrough pipes", function()
    local log = {}
    local src = PassThrough.new({ objectMode = true })
    local tx = PassThrough.new({ objectMode = true })
    local dest = PassThrough.new({ objectMode = true })
    dest:on("data", function(x) put(log, x) end)
    dest:on("end", function() put(log, "end") end)
    src:pipe(tx):pipe(dest)
    local i = -1
    local int = uv.new_timer()
    int:start(1, 1, guard(function()
      if i > 10 then
        src["end"](src)
        int:close()
      else
        src:write(i)
        i = i + 1
      end
    end))
    finish()
    assert.are.same({ -1, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, "end" }, log)
  end)

  it("PassThrough passes false, 0 and \"\" on as ordinary chunks", function()
    local log = {}
    local pt = PassThrough.new({ objectMode = true })
    pt:on("data", function(x) put(log, type(x) .. ":" .. tostring(x)) end)
    pt:on("end", function() put(log, "end") end)
    pt:write(false)
    pt:write(0)
    pt:write("")
    pt["end"](pt, false)
    finish()
    assert.are.same({ "boolean:false", "number:0", "string:", "boolean:false", "end" }, log)
  end)
end)

describe("test-stream-transform-split-highwatermark", function()
  local D = 16384
  local function hwm(opts)
    local t = Transform.new(opts)
    return t.readableHighWaterMark .. "/" .. t.writableHighWaterMark
  end

  it("readableHighWaterMark / writableHighWaterMark set each side", function()
    assert.are.same({ "666/" .. D, D .. "/777", "666/777" }, {
      hwm({ readableHighWaterMark = 666 }),
      hwm({ writableHighWaterMark = 777 }),
      hwm({ readableHighWaterMark = 666, writableHighWaterMark = 777 }),
    })
    finish()
  end)

  it("highWaterMark overrides both", function()
    assert.are.same({ "555/555", "555/555", "555/555" }, {
      hwm({ highWaterMark = 555, readableHighWaterMark = 666 }),
      hwm({ highWaterMark = 555, writableHighWaterMark = 777 }),
      hwm({ highWaterMark = 555, readableHighWaterMark = 666, writableHighWaterMark = 777 }),
    })
    finish()
  end)

  it("nil options fall back to the defaults", function()
    assert.are.same({ D .. "/" .. D, D .. "/" .. D, "666/" .. D, D .. "/777" }, {
      hwm({ readableHighWaterMark = nil }),
      hwm({ writableHighWaterMark = nil }),
      hwm({ highWaterMark = nil, readableHighWaterMark = 666 }),
      hwm({ highWaterMark = nil, writableHighWaterMark = 777 }),
    })
    finish()
  end)

  it("a readable highWaterMark of 0 drops writable buffering to 0 unless given", function()
    local P = PassThrough.new({ highWaterMark = 0 })
    local Dx = stream.Duplex.new({ readableHighWaterMark = 0 })
    assert.are.same({ "0/0", "0/0", "0/5", "0/5", "0/0", D .. "/0", "0/0", "0/" .. D }, {
      hwm({ highWaterMark = 0 }),
      hwm({ readableHighWaterMark = 0 }),
      hwm({ readableHighWaterMark = 0, writableHighWaterMark = 5 }),
      hwm({ highWaterMark = 0, writableHighWaterMark = 5 }),
      hwm({ objectMode = true, readableHighWaterMark = 0 }),
      hwm({ writableHighWaterMark = 0 }),
      P.readableHighWaterMark .. "/" .. P.writableHighWaterMark,
      Dx.readableHighWaterMark .. "/" .. Dx.writableHighWaterMark,
    })
    finish()
  end)

  it("NaN is ERR_INVALID_ARG_VALUE", function()
    local codes = {}
    for _, k in ipairs({ "readableHighWaterMark", "writableHighWaterMark" }) do
      local ok, err = pcall(Transform.new, { [k] = 0 / 0 })
      put(codes, ok and "no raise" or code(err))
    end
    assert.are.same({ "ERR_INVALID_ARG_VALUE", "ERR_INVALID_ARG_VALUE" }, codes)
    finish()
  end)

  it("non-Duplex streams ignore the split options", function()
    local r = Readable.new({ readableHighWaterMark = 666 })
    local w = Writable.new({ writableHighWaterMark = 777 })
    assert.are.same({ D, D }, { r.readableHighWaterMark, w.writableHighWaterMark })
    finish()
  end)
end)

describe("test-stream-transform-split-objectmode", function()
  it("readableObjectMode / writableObjectMode set one side each", function()
    local log = {}
    local parser = Transform.new({ readableObjectMode = true })
    put(log, parser.readableObjectMode, parser.writableObjectMode,
      parser.readableHighWaterMark, parser.writableHighWaterMark)
    function parser:_transform(chunk, _, callback) callback(nil, { val = chunk:byte(1) }) end
    parser:on("data", function(obj) put(log, "parsed:" .. obj.val) end)
    parser["end"](parser, string.char(42))

    local serializer = Transform.new({ writableObjectMode = true })
    put(log, serializer.readableObjectMode, serializer.writableObjectMode,
      serializer.readableHighWaterMark, serializer.writableHighWaterMark)
    function serializer:_transform(obj, _, callback) callback(nil, string.char(obj.val)) end
    serializer:on("data", function(chunk) put(log, "serialized:" .. chunk:byte(1)) end)
    serializer:write({ val = 42 })
    finish()
    assert.are.same({ true, false, 16, 16384, "parsed:42", false, true, 16384, 16,
      "serialized:42" }, log)
  end)
end)

describe("test-stream-passthrough-drain", function()
  it("highWaterMark 0: read() empties the buffer and 'drain' fires", function()
    local log = {}
    local pt = PassThrough.new({ highWaterMark = 0 })
    pt:on("drain", function() put(log, "drain") end)
    put(log, pt:write("hello1"))
    put(log, s(pt:read()))
    put(log, s(pt:read()))
    finish()
    assert.are.same({ false, "hello1", "drain", "null" }, log)
  end)
end)

-- Cases Node's tests leave implicit; the expected sequences come from twins all
-- the same.
describe("Transform edge cases (Node's transform.js)", function()
  it("write() after end() calls back and emits ERR_STREAM_WRITE_AFTER_END", function()
    local log = {}
    local t = Transform.new({ transform = function(_, c, _, cb) cb(nil, c) end })
    record(t, log, { "error", "close", "finish", "end" })
    t["end"](t, "a")
    t:write("b", function(err) put(log, "cb:" .. code(err)) end)
    t:resume()
    finish()
    assert.are.same({ "finish", "cb:ERR_STREAM_WRITE_AFTER_END",
      "error:ERR_STREAM_WRITE_AFTER_END", "close" }, log)
  end)

  it("a transform callback that arrives after destroy() is ignored", function()
    local log = {}
    local saved
    local t = Transform.new({ transform = function(_, c, _, cb) put(log, "t:" .. c); saved = cb end })
    record(t, log, { "error", "close", "finish", "end", "data" })
    t:write("a", function(err) put(log, "wcb:" .. code(err)) end)
    t:destroy()
    setImmediate(function()
      saved(nil, "late")
      put(log, "after late cb:" .. t.readableLength)
    end)
    finish()
    assert.are.same({ "t:a", "close", "wcb:null", "after late cb:0" }, log)
  end)

  it("a full readable side parks the transform callback until read()", function()
    local log = {}
    local t = Transform.new({
      highWaterMark = 4,
      transform = function(_, c, _, cb) put(log, "t:" .. c); cb(nil, c) end,
    })
    t:on("drain", function() put(log, "drain") end)
    for _, c in ipairs({ "aa", "bb", "cc", "dd", "ee" }) do put(log, "w:" .. tostring(t:write(c))) end
    put(log, "rl:" .. t.readableLength .. " wl:" .. t.writableLength)
    setImmediate(function()
      put(log, "read:" .. s(t:read()))
      setImmediate(function()
        put(log, "rl:" .. t.readableLength .. " wl:" .. t.writableLength)
        local c = t:read()
        while c ~= nil do
          put(log, "read:" .. c)
          c = t:read()
        end
        setImmediate(function() put(log, "rl:" .. t.readableLength .. " wl:" .. t.writableLength) end)
      end)
    end)
    finish()
    assert.are.same({ "t:aa", "w:true", "t:bb", "w:true", "w:false", "w:false", "w:false",
      "rl:4 wl:8", "t:cc", "read:aabbcc", "t:dd", "t:ee", "rl:4 wl:2", "drain", "read:ddee",
      "rl:0 wl:0" }, log)
  end)

  it("decodeStrings = false hands _transform the string and its encoding", function()
    local log = {}
    local t = Transform.new({
      decodeStrings = false,
      transform = function(_, c, e, cb) put(log, type(c) .. ":" .. c .. ":" .. e); cb() end,
    })
    t:write("616263", "hex")
    t:write("abc")
    t["end"](t)
    t:resume()
    finish()
    assert.are.same({ "string:616263:hex", "string:abc:utf8" }, log)
  end)

  it("decodeStrings (default) hands _transform the bytes as 'buffer'", function()
    local log = {}
    local t = Transform.new({ transform = function(_, c, e, cb) put(log, c .. ":" .. e); cb() end })
    t:write("616263", "hex")
    t["end"](t)
    t:resume()
    finish()
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
    t:on("data", function(d) put(log, "data:" .. d) end)
    record(t, log)
    t["end"](t, "x")
    finish()
    assert.are.same({ "data:x", "data:f1", "data:f2", "end", "finish", "close" }, log)
  end)

  it("PassThrough with decodeStrings = false pushes the string in the default encoding", function()
    -- Node's PassThrough calls back with the chunk alone, so the write's
    -- encoding is not used to decode it: '616263' stays six characters.
    local log = {}
    local pt = PassThrough.new({ decodeStrings = false })
    pt:on("data", function(d) put(log, d .. ":" .. #d) end)
    pt:write("616263", "hex")
    pt:write("YWJj", "base64")
    pt:write("\xc3\xa9", "latin1")
    pt["end"](pt)
    finish()
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
      pt:on("data", function(d) put(log, d .. ":" .. #d) end)
      pt:on("end", function() put(log, "end") end)
      pt:write("616263")
      pt:write("zz", "latin1")
      pt:write("6465", "utf8")
      pt["end"](pt)
    end
    finish()
    assert.are.same({ { "abc:3", "de:2", "end" }, { "abc:3", "de:2", "end" } }, logs)
  end)

  it("PassThrough with decodeStrings = false in object mode keeps the string", function()
    local log = {}
    local pt = PassThrough.new({ decodeStrings = false, objectMode = true })
    pt:on("data", function(d) put(log, type(d) .. ":" .. d) end)
    pt:write("616263", "hex")
    pt["end"](pt)
    finish()
    assert.are.same({ "string:616263" }, log)
  end)

  it("PassThrough decodes writes in its defaultEncoding", function()
    local log = {}
    local pt = PassThrough.new({ defaultEncoding = "hex" })
    pt:on("data", function(d) put(log, d) end)
    pt:write("616263")
    pt["end"](pt)
    finish()
    assert.are.same({ "abc" }, log)
  end)

  it("PassThrough with setEncoding('utf8') never splits a character", function()
    local log = {}
    local pt = PassThrough.new()
    pt:setEncoding("utf8")
    pt:on("data", function(d) put(log, d) end)
    pt:write("\xe2")
    pt:write("\x82\xac")
    pt:write("x")
    pt["end"](pt)
    finish()
    assert.are.same({ "\xe2\x82\xac", "x" }, log)
  end)

  it("an error from _final skips _flush: 'error' then 'close'", function()
    local log = {}
    local t = Transform.new({
      transform = function(_, c, _, cb) cb(nil, c) end,
      final = function(_, cb) put(log, "final"); cb("ferr") end,
      flush = function(_, cb) put(log, "flush"); cb() end,
    })
    t:on("data", function(d) put(log, "data:" .. d) end)
    record(t, log, { "error", "finish", "end", "close", "prefinish" })
    t["end"](t, "x")
    finish()
    assert.are.same({ "data:x", "final", "error:ferr", "close" }, log)
  end)

  it("writes made from a 'data' listener are transformed in order", function()
    local log = {}
    local t
    t = Transform.new({
      transform = function(_, c, _, cb) put(log, "t:" .. c); cb(nil, c:upper()) end,
    })
    local n = 0
    t:on("data", function(d)
      put(log, "data:" .. d)
      if n < 2 then
        n = n + 1
        put(log, "w:" .. tostring(t:write("n" .. n)))
      end
    end)
    t:write("a")
    t:on("end", function() put(log, "end") end)
    t["end"](t)
    finish()
    assert.are.same({ "t:a", "data:A", "w:true", "t:n1", "data:N1", "w:true", "t:n2",
      "data:N2", "end" }, log)
  end)

  it("cork() holds writes until uncork()", function()
    local log = {}
    local t = Transform.new({ transform = function(_, c, _, cb) put(log, "t:" .. c); cb(nil, c) end })
    t:on("data", function(d) put(log, "data:" .. d) end)
    t:cork()
    t:write("a")
    t:write("b")
    put(log, "corked:" .. t.writableCorked .. ":" .. t.writableLength)
    nextTick(function()
      t:uncork()
      put(log, "uncorked")
      t["end"](t)
    end)
    finish()
    assert.are.same({ "corked:1:2", "t:a", "data:a", "t:b", "data:b", "uncorked" }, log)
  end)

  it("a flush callback that arrives after destroy() is ignored", function()
    local log = {}
    local t = Transform.new({
      transform = function(_, _, _, cb) cb() end,
      flush = function(_, cb)
        put(log, "flush")
        setTimeout(function()
          put(log, "flushcb")
          cb(nil, "late")
        end, 5)
      end,
    })
    record(t, log, { "error", "finish", "end", "close", "data" })
    t["end"](t, "x")
    setImmediate(function()
      put(log, "destroy")
      t:destroy()
    end)
    finish()
    assert.are.same({ "flush", "destroy", "close", "flushcb" }, log)
  end)

  it("an object-mode PassThrough at its highWaterMark: read(0), read() and 'drain'", function()
    local log = {}
    local pt = PassThrough.new({ objectMode = true, highWaterMark = 2 })
    put(log, pt:write(1), pt:write(2), pt:write(3), pt.readableLength, pt.writableLength)
    put(log, s(pt:read(0)), pt.readableLength)
    pt:on("drain", function() put(log, "drain") end)
    put(log, pt:read(), pt:read(), pt.readableLength, pt.writableLength)
    setImmediate(function()
      put(log, pt.readableLength, pt.writableLength, pt:read(), s(pt:read()))
    end)
    finish()
    assert.are.same({ true, true, false, 2, 2, "null", 2, "drain", 1, 2, 1, 0, 1, 0, 3, "null" },
      log)
  end)
end)

-- API.md section 3: subclassing with extend(), and Lua errors in implementations.
describe("Transform:extend() subclasses", function()
  it("a subclass overrides _transform and _flush", function()
    local log = {}
    local Upper = Transform:extend()
    function Upper:initialize(_, suffix) self.suffix = suffix end
    function Upper:_transform(chunk, _, cb) cb(nil, chunk:upper()) end
    function Upper:_flush(cb) cb(nil, self.suffix) end
    local u = Upper.new(nil, "!")
    u:on("data", function(d) put(log, d) end)
    u:on("end", function() put(log, "end") end)
    u:write("ab")
    u["end"](u, "cd")
    finish()
    assert.are.same({ "AB", "CD", "!", "end" }, log)
    assert.is_true(Upper:isInstance(u))
    assert.is_true(Transform:isInstance(u))
  end)

  it("a sub-subclass overrides only _flush and keeps the parent's _transform", function()
    local log = {}
    local Upper = Transform:extend()
    function Upper:_transform(chunk, _, cb) cb(nil, chunk:upper()) end
    local Counted = Upper:extend()
    function Counted:_transform(chunk, enc, cb)
      self.n = (self.n or 0) + 1
      return Upper._transform(self, chunk, enc, cb)
    end
    function Counted:_flush(cb)
      self:push("#" .. self.n)
      cb()
    end
    local c = Counted.new()
    c:on("data", function(d) put(log, d) end)
    c:on("end", function() put(log, "end") end)
    c:write("x")
    c:write("y")
    c["end"](c)
    finish()
    assert.are.same({ "X", "Y", "#2", "end" }, log)
    assert.is_true(Upper:isInstance(c))
    assert.is_false(Counted:isInstance(Upper.new()))
  end)

  it("options win over class methods", function()
    local log = {}
    local Upper = Transform:extend()
    function Upper:_transform(chunk, _, cb) cb(nil, chunk:upper()) end
    local u = Upper.new({ transform = function(_, chunk, _, cb) cb(nil, chunk:rep(2)) end })
    u:on("data", function(d) put(log, d) end)
    u["end"](u, "ab")
    finish()
    assert.are.same({ "abab" }, log)
  end)
end)

describe("Transform implementation errors (API.md section 3)", function()
  it("an error raised in _transform destroys the stream: 'error' then 'close'", function()
    local log = {}
    local t = Transform.new({ transform = function() error("bad chunk", 0) end })
    record(t, log, { "error", "finish", "end", "close" })
    t:write("x")
    put(log, "destroyed:" .. tostring(t.destroyed))
    finish()
    assert.are.same({ "destroyed:true", "error:bad chunk", "close" }, log)
  end)

  it("an error raised in _flush destroys the stream: 'error' then 'close'", function()
    local log = {}
    local err = { message = "flush failed" }
    local got
    local t = Transform.new({
      transform = function(_, c, _, cb) cb(nil, c) end,
      flush = function() error(err) end,
    })
    t:on("data", function(d) put(log, d) end)
    record(t, log, { "error", "finish", "end", "close" })
    t:on("error", function(e) got = e end)
    t["end"](t, "x")
    finish()
    assert.are.same({ "x", "error:flush failed", "close" }, log)
    assert.are.equal(err, got)
  end)

  it("an error given to the transform callback destroys the stream", function()
    local log = {}
    local t = Transform.new({ transform = function(_, _, _, cb) cb("nope") end })
    record(t, log, { "error", "finish", "end", "close" })
    t:write("x")
    finish()
    assert.are.same({ "error:nope", "close" }, log)
  end)

  it("an error given to the flush callback destroys the stream", function()
    local log = {}
    local t = Transform.new({
      transform = function(_, _, _, cb) cb() end,
      flush = function(_, cb) cb("late") end,
    })
    t:resume()
    record(t, log, { "error", "finish", "end", "close" })
    t["end"](t, "x")
    finish()
    assert.are.same({ "error:late", "close" }, log)
  end)
end)
