-- The per-chunk call of _write and _transform (the frame the binding keeps
-- once the instance's own method has been called) after the instance
-- replaces the method, with encoding arguments that change from write to
-- write; cstream behaviour beyond Node's tests, see spec/README.md.

local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local Writable, Transform, Readable = stream.Writable, stream.Transform, stream.Readable

-- What node v20 printed for each case named in a `twin:` comment:
-- test/twins/writable/write_frame_edge_cases.js.
local node = twin.run("test/twins/writable/write_frame_edge_cases.js")

describe("the kept frame of _write and _transform", function()
  -- twin: write_replaced
  it("_write replaced on the instance between writes; the encoding argument as spelled", function()
    local log = {}
    local w = Writable.new({ decodeStrings = false, write = function(_, c, e, cb)
      helper.put(log, "w1:" .. c .. ":" .. e); cb()
    end })
    w:write("a", "utf8")
    w:write("b", "latin1")
    w._write = function(_, c, e, cb) helper.put(log, "w2:" .. c .. ":" .. e); cb() end
    w:write("c", "utf-8")
    w:write("d")
    w:write("e", "latin1")
    w._write = function(_, c, e, cb) helper.put(log, "w3:" .. c .. ":" .. e); cb() end
    w:write("f", "latin1")
    helper.settle()
    assert.are.same(node.write_replaced, log)
  end)

  -- twin: transform_replaced
  it("_transform replaced on the instance between writes", function()
    local log = {}
    local t = Transform.new({ objectMode = true, transform = function(_, o, _, cb)
      helper.put(log, "t1:" .. o); cb(nil, o)
    end })
    t:on("data", function(o) helper.put(log, "data:" .. o) end)
    t:write(1)
    t:write(2)
    t._transform = function(_, o, _, cb) helper.put(log, "t2:" .. o); cb(nil, o * 10) end
    t:write(3)
    helper.settle()
    assert.are.same(node.transform_replaced, log)
  end)

  -- A callback's stream is entered through the callback's own upvalue: a
  -- write into another stream from inside it (its 'drain'), and a callback
  -- of one stream called from inside another's _write, find each stream as
  -- the Lua path would.
  -- twin: callbacks_nested
  it("a write callback called from inside another stream's _write, which it writes to", function()
    local log, pendingA = {}, nil
    local a = Writable.new({ highWaterMark = 1, write = function(_, c, _, cb)
      helper.put(log, "a:" .. c); pendingA = cb
    end })
    local b = Writable.new({ highWaterMark = 1, write = function(_, c, _, cb)
      helper.put(log, "b:" .. c)
      local p = pendingA
      pendingA = nil
      if p then p() end
      cb()
    end })
    a:on("drain", function() helper.put(log, "a drain"); b:write("y") end)
    b:on("drain", function() helper.put(log, "b drain") end)
    a:on("finish", function() helper.put(log, "a finish") end)
    helper.put(log, "a.write " .. tostring(a:write("1")))
    helper.put(log, "a.write " .. tostring(a:write("2")))
    helper.put(log, "b.write " .. tostring(b:write("x")))
    helper.put(log, "b.write " .. tostring(b:write("z")))
    a:finish()
    helper.put(log, "b.write " .. tostring(b:write("w")))
    helper.settle()
    assert.are.same(node.callbacks_nested, log)
  end)

  it("a piped sink's _write replaced from inside itself takes the next chunk", function()
    local got, n = {}, 0
    local src = Readable.new({ objectMode = true, read = function(self)
      n = n + 1
      self:push(n <= 6 and n or nil)
    end })
    local w
    w = Writable.new({ objectMode = true, write = function(_, o, _, cb)
      got[#got + 1] = "a" .. o
      if o == 3 then
        w._write = function(_, p, _, cb2) got[#got + 1] = "b" .. p; cb2() end
      end
      cb()
    end })
    src:pipe(w)
    helper.settle()
    assert.are.same({ "a1", "a2", "a3", "b4", "b5", "b6" }, got)
  end)

  -- Tables have no __gc on LuaJIT: a callable table's finalizer is 5.3's and 5.4's.
  it("a replaced _write is no longer held: a callable table's finalizer runs", function()
    if jit then return end
    local collected = false
    local w = Writable.new({ objectMode = true })
    -- the write option takes a function (Node's typeof test); a field takes any value
    w._write = setmetatable({}, {
      __call = function(_, _, _, _, cb) cb() end,
      __gc = function() collected = true end,
    })
    w:write(1)
    w:write(2)
    w._write = function(_, _, _, cb) cb() end
    collectgarbage()
    collectgarbage()
    assert.is_true(collected)
    w:write(3)
    helper.settle()
  end)
end)
