-- test-stream2-transform.js (Node 20's test/parallel/), translated; see spec/README.md.

local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local Transform = stream.Transform
local PassThrough = stream.PassThrough

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

local function writeAll(w, list)
  for _, c in ipairs(list) do w:write(c) end
end

-- What node v20 printed for each case named in a `twin:` comment:
-- test/twins/transform/stream2_transform.js.
local node = twin.run("test/twins/transform/stream2_transform.js")

describe("test-stream2-transform", function()
  -- twin: writable_side_consumption
  it("verifies writable side consumption", function()
    local log = {}
    local transformed = 0
    local tx = Transform.new({ highWaterMark = 10 })
    function tx:_transform(chunk, _, cb)
      transformed = transformed + #chunk
      tx:push(chunk)
      cb()
    end
    for i = 1, 10 do helper.put(log, tx:write(string.rep("\0", i))) end
    tx["end"](tx)
    helper.put(log, tx.readableLength, transformed, tx.writableLength)
    helper.settle()
    assert.are.same(node.writable_side_consumption, twin.strings(log))
  end)

  -- twin: passthrough
  it("verifies passthrough behavior", function()
    local log = {}
    local pt = PassThrough.new()
    writeAll(pt, { "foog", "bark", "bazy", "kuel" })
    pt["end"](pt)
    for _ = 1, 5 do helper.put(log, helper.nullstr(pt:read(5))) end
    helper.settle()
    assert.are.same(node.passthrough, twin.strings(log))
  end)

  -- twin: object_passthrough
  it("verifies object passthrough behavior", function()
    local log = {}
    local pt = PassThrough.new({ objectMode = true })
    writeAll(pt, { 1, true, false, 0, "foo", "", { a = "b" } })
    pt["end"](pt)
    for _ = 1, 8 do helper.put(log, json(pt:read())) end
    helper.settle()
    assert.are.same(node.object_passthrough, twin.strings(log))
  end)

  it("verifies passthrough and transform constructor behavior", function()
    local pt, tr = PassThrough.new(), Transform.new()
    assert.is_true(PassThrough:isInstance(pt))
    assert.is_true(Transform:isInstance(pt))
    assert.is_true(Transform:isInstance(tr))
    assert.is_false(PassThrough:isInstance(tr))
    helper.settle()
  end)

  -- twin: simple_transform
  it("performs a simple transform", function()
    local log = {}
    local pt = Transform.new()
    function pt:_transform(c, _, cb)
      pt:push(string.rep("x", #c))
      cb()
    end
    writeAll(pt, { "foog", "bark", "bazy", "kuel" })
    pt["end"](pt)
    for _ = 1, 5 do helper.put(log, helper.nullstr(pt:read(5))) end
    helper.settle()
    assert.are.same(node.simple_transform, twin.strings(log))
  end)

  -- twin: simple_object_transform
  it("verifies simple object transform", function()
    local log = {}
    local pt = Transform.new({ objectMode = true })
    function pt:_transform(c, _, cb)
      pt:push(json(c))
      cb()
    end
    writeAll(pt, { 1, true, false, 0, "foo", "", { a = "b" } })
    pt["end"](pt)
    for _ = 1, 8 do helper.put(log, helper.nullstr(pt:read())) end
    helper.settle()
    assert.are.same(node.simple_object_transform, twin.strings(log))
  end)

  -- twin: async_passthrough
  it("verifies async passthrough", function()
    local log = {}
    local pt = Transform.new()
    function pt:_transform(chunk, _, cb)
      helper.setTimeout(function()
        pt:push(chunk)
        cb()
      end, 10)
    end
    writeAll(pt, { "foog", "bark", "bazy", "kuel" })
    pt["end"](pt)
    pt:on("finish", function()
      helper.put(log, "finish")
      for _ = 1, 5 do helper.put(log, helper.nullstr(pt:read(5))) end
    end)
    helper.settle()
    assert.are.same(node.async_passthrough, twin.strings(log))
  end)

  -- twin: asymmetric_expand
  it("verifies asymmetric transform (expand)", function()
    local log = {}
    local pt = Transform.new()
    function pt:_transform(chunk, _, cb)
      helper.setTimeout(function()
        pt:push(chunk)
        helper.setTimeout(function()
          pt:push(chunk)
          cb()
        end, 10)
      end, 10)
    end
    writeAll(pt, { "foog", "bark", "bazy", "kuel" })
    pt["end"](pt)
    pt:on("finish", function()
      helper.put(log, "finish")
      for _ = 1, 8 do helper.put(log, helper.nullstr(pt:read(5))) end
    end)
    helper.settle()
    assert.are.same(node.asymmetric_expand, twin.strings(log))
  end)

  -- twin: asymmetric_compress
  it("verifies asymmetric transform (compress)", function()
    local log = {}
    local pt = Transform.new()
    pt.state = ""
    function pt:_transform(chunk, _, cb)
      local c = chunk:sub(1, 1)
      helper.setTimeout(function()
        self.state = self.state .. c
        if #self.state == 3 then
          pt:push(self.state)
          self.state = ""
        end
        cb()
      end, 10)
    end
    function pt:_flush(cb)
      helper.put(log, "flush")
      pt:push(self.state)
      self.state = ""
      cb()
    end
    for c in ("abcdeabcdeabcd"):gmatch(".") do pt:write(c:rep(4)) end
    pt["end"](pt)
    pt:on("finish", function()
      helper.put(log, "finish")
      for _ = 1, 4 do helper.put(log, helper.nullstr(pt:read(5))) end
    end)
    helper.settle()
    assert.are.same(node.asymmetric_compress, twin.strings(log))
  end)

  -- twin: complex_no_stall
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
      helper.put(log, "readable")
      helper.nextTick(function()
        pt:write("d")
        pt:write("ef", function()
          helper.put(log, "cb")
          pt["end"](pt)
        end)
        helper.put(log, helper.nullstr(pt:read()))
        helper.put(log, helper.nullstr(pt:read()))
      end)
    end)
    pt:on("finish", function() helper.put(log, "finish") end)
    helper.put(log, pt:write("abc"))
    helper.settle()
    assert.are.same(node.complex_no_stall, twin.strings(log))
  end)

  -- twin: event_emission
  it("verifies passthrough event emission", function()
    local log = {}
    local pt = PassThrough.new()
    local emits = 0
    pt:on("readable", function() emits = emits + 1 end)
    pt:write("foog")
    pt:write("bark")
    helper.put(log, emits, helper.nullstr(pt:read(5)), helper.nullstr(pt:read(5)), emits)
    pt:write("bazy")
    pt:write("kuel")
    helper.put(log, emits, helper.nullstr(pt:read(5)), helper.nullstr(pt:read(5)), helper.nullstr(pt:read(5)))
    pt["end"](pt)
    helper.put(log, emits, helper.nullstr(pt:read(5)), helper.nullstr(pt:read(5)), emits)
    helper.setImmediate(function() helper.put(log, "later", emits) end)
    helper.settle()
    assert.are.same(node.event_emission, twin.strings(log))
  end)

  -- twin: event_emission_reordering
  it("verifies passthrough event emission reordering", function()
    local log = {}
    local pt = PassThrough.new()
    local emits = 0
    pt:on("readable", function() emits = emits + 1 end)
    pt:write("foog")
    pt:write("bark")
    helper.put(log, emits, helper.nullstr(pt:read(5)), helper.nullstr(pt:read(5)))
    pt:once("readable", function()
      helper.put(log, "r1", helper.nullstr(pt:read(5)), helper.nullstr(pt:read(5)))
      pt:once("readable", function()
        helper.put(log, "r2", helper.nullstr(pt:read(5)), helper.nullstr(pt:read(5)))
        pt:once("readable", function()
          helper.put(log, "r3", helper.nullstr(pt:read(5)), helper.nullstr(pt:read(5)), emits)
        end)
        pt["end"](pt)
      end)
      pt:write("kuel")
    end)
    pt:write("bazy")
    helper.settle()
    assert.are.same(node.event_emission_reordering, twin.strings(log))
  end)

  -- twin: facade
  it("verifies passthrough facade", function()
    local log = {}
    local pt = PassThrough.new()
    pt:on("data", function(c) helper.put(log, c) end)
    pt:on("end", function() helper.put(log, "end") end)
    pt:write("foog")
    helper.setTimeout(function()
      pt:write("bark")
      helper.setTimeout(function()
        pt:write("bazy")
        helper.setTimeout(function()
          pt:write("kuel")
          helper.setTimeout(function() pt["end"](pt) end, 10)
        end, 10)
      end, 10)
    end, 10)
    helper.settle()
    assert.are.same(node.facade, twin.strings(log))
  end)

  local objects = {
    { foo = "bar" },
    100,
    "string",
    { nested = { things = { { foo = "bar" }, 100, "string" } } },
  }

  -- twin: object_parse
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
      helper.put(log, "end")
    end)
    for _, obj in ipairs(objects) do
      jp:write(ser(obj))
      helper.put(log, json(jp:read()))
    end
    jp["end"](jp)
    jp:read()
    helper.put(log, "sync:" .. tostring(ended))
    helper.nextTick(function() helper.put(log, "tick:" .. tostring(ended)) end)
    helper.settle()
    assert.are.same(node.object_parse, twin.strings(log))
  end)

  -- twin: object_stringify
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
      helper.put(log, "end")
    end)
    for _, obj in ipairs(objects) do
      js:write(obj)
      helper.put(log, js:read())
    end
    js["end"](js)
    js:read()
    helper.put(log, "sync:" .. tostring(ended))
    helper.nextTick(function() helper.put(log, "tick:" .. tostring(ended)) end)
    helper.settle()
    assert.are.same(node.object_stringify, twin.strings(log))
  end)

  -- twin: construct_push
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
    t:on("data", function(d) helper.put(log, d) end)
    t:write("firstLine")
    helper.nextTick(function() t:write("secondLine") end)
    helper.settle()
    assert.are.same(node.construct_push, twin.strings(log))
  end)
end)
