-- Regressions for the C binding's re-entrance paths: a stream driven from a
-- listener inside a tick, from a coroutine, and chunks passed through without
-- being anchored.  Each compares whole results with what Node prints for the
-- same program (test/twins/binding/reentrance.js).
local uv = require("luv")
local stream = require("cstream")
local helper = require("spec.helper")
local twin = require("spec.twin")
local node = twin.run("test/twins/binding/reentrance.js")

local Readable, Writable, PassThrough = stream.Readable, stream.Writable, stream.PassThrough

local function source(chunks)
  local i = 0
  return Readable.new({ read = function(self)
    i = i + 1
    self:push(chunks[i])
  end })
end

describe("binding re-entrance", function()
  -- twin: read_in_readable
  it("read(n) inside 'readable' emitted from a tick returns every byte", function()
    local chunk = string.rep("abcdefgh", 512)
    local src = source({ chunk, chunk, chunk, chunk, chunk })
    local got, reads, log = 0, 0, {}
    src:on("readable", function()
      while true do
        local c = src:read(1000)
        if c == nil then break end
        got, reads = got + #c, reads + 1
      end
    end)
    src:on("end", function() log[#log + 1] = "end" end)
    helper.run()
    log[#log + 1], log[#log + 2] = got, reads
    assert.are.same(node.read_in_readable, twin.strings(log))
  end)

  -- twin: push_later (the same pushes from a tick and a timer)
  it("a stream pushed from a coroutine keeps working after the coroutine suspends", function()
    local r = Readable.new({ read = function() end })
    local out = {}
    r:on("data", function(c) out[#out + 1] = c end)
    r:on("end", function() out[#out + 1] = "end" end)
    local co = coroutine.create(function()
      r:push("a")
      coroutine.yield()
      r:push("b")
      coroutine.yield()
      r:push(nil)
    end)
    coroutine.resume(co)
    stream.nextTick(function() coroutine.resume(co) end)
    local t = uv.new_timer()
    t:start(5, 0, function() t:close(); coroutine.resume(co) end)
    helper.run()
    assert.are.same(node.push_later, out)
  end)

  it("chunks piped through PassThroughs arrive as the same strings, in order", function()
    local chunks = {}
    for i = 1, 200 do chunks[i] = ("%05d"):format(i) .. string.rep("x", i % 7) end
    local src = source(chunks)
    local seen = {}
    local sink = Writable.new({ write = function(_, c, enc, cb)
      seen[#seen + 1] = c
      assert.are.equal("buffer", enc)
      cb()
    end })
    local done
    stream.pipeline(src, PassThrough.new({ highWaterMark = 16 }), PassThrough.new(), sink,
      function(err) done = err or "ok" end)
    helper.run()
    assert.are.equal("ok", done)
    assert.are.same(chunks, seen)
  end)

  -- 5.3 and LuaJIT have no to-be-closed variables: there the stream's
  -- __close, which 5.4 calls as the scope ends, is called by hand.
  -- Written out: Lua's to-be-closed variables, which Node has not.
  it("a to-be-closed stream is destroyed (not freed) when its scope ends", function()
    local log = {}
    local function listen(s)
      s:on("close", function() log[#log + 1] = "close" end)
      s:on("error", function() log[#log + 1] = "error" end)
    end
    local r
    if helper.TBC then
      r = assert(load([[
        local Readable, listen = ...
        local r
        do
          local s <close> = Readable.new({ read = function() end })
          r = s
          listen(s)
        end
        return r
      ]]))(Readable, listen)
    else
      r = Readable.new({ read = function() end })
      listen(r)
      getmetatable(r).__close(r, nil)
    end
    assert.is_true(r.destroyed)
    r:push("late")            -- still a valid stream: a destroyed one ignores it
    helper.run()
    assert.are.same({ "close" }, log)
  end)

  -- twin: buffered_passthrough
  it("a chunk buffered by a full PassThrough survives the call that pushed it", function()
    -- highWaterMark 1: every write after the first is buffered (pinned), then
    -- read back after the writer's frame is gone.
    local p = PassThrough.new({ highWaterMark = 1 })
    for i = 1, 5 do p:write(("chunk%d"):format(i)) end
    p:finish()
    collectgarbage()
    local out = {}
    p:on("data", function(c) out[#out + 1] = c end)
    helper.run()
    assert.are.same(node.buffered_passthrough, out)
  end)
end)

describe("Node's fromList with a decoder (found by the differential scenarios)", function()
  it("read(n) across chunks compares n with the buffer's array length, as Node does", function()
    -- node: read(4) -> abcdef, readableLength 4
    local r = Readable.new({ read = function() end })
    r:setEncoding("utf8")
    r:push("a"); r:push("bcdef"); r:push("gh")
    assert.are.equal("abcdef", r:read(4))
    assert.are.equal(4, r.readableLength)
    r:destroy()
    helper.run()
  end)

  -- twin: fromlist_stall
  it("a read(n) ending exactly at a chunk's end leaves Node's empty chunk, which stalls flowing", function()
    local r = Readable.new({ read = function() end })
    r:setEncoding("utf8")
    r:push("ab"); r:push("cd"); r:push("efgh"); r:push(nil)
    local log = { "read " .. tostring(r:read(4)) }
    r:on("data", function(c) log[#log + 1] = c end)
    r:on("end", function() log[#log + 1] = "end" end)
    helper.run()
    log[#log + 1] = "length " .. tostring(r.readableLength)
    log[#log + 1] = "ended " .. tostring(r.readableEnded)
    assert.are.same(node.fromlist_stall, log)
    r:destroy()
    helper.run()
  end)
end)

-- The binding keeps _read, _write and _transform once found among the
-- instance's fields; assigning the field (or removing it) must be seen at the
-- very next call, as Node looks the method up on every call.
describe("implementation functions assigned on the instance mid-flow", function()
  it("a new _write, _transform and _read take over at the next call; nil falls back to the class", function()
    -- Node: the same, with delete t._transform falling back to the prototype's
    local log = {}
    local w = Writable.new({ objectMode = true, write = function(_, c, _, cb)
      log[#log + 1] = "a:" .. c; cb()
    end })
    w:write("x")
    w._write = function(_, c, _, cb) log[#log + 1] = "b:" .. c; cb() end
    w:write("y")
    w._write = function(_, c, _, cb) log[#log + 1] = "c:" .. c; cb() end
    w:write("z")
    assert.are.same({ "a:x", "b:y", "c:z" }, log)

    local t = stream.Transform.new({ objectMode = true, transform = function(_, c, _, cb)
      cb(nil, "1" .. c)
    end })
    local out = {}
    t:on("data", function(c) out[#out + 1] = c end)
    t:write("p")
    t._transform = function(_, c, _, cb) cb(nil, "2" .. c) end
    t:write("q")
    local err
    t:on("error", function(e) err = e end)
    t._transform = nil
    t:write("r")
    helper.run()
    assert.are.same({ "1p", "2q" }, out)
    assert.are.equal("ERR_METHOD_NOT_IMPLEMENTED", err and err.code)

    local reads = {}
    local r = Readable.new({ objectMode = true, read = function(self)
      reads[#reads + 1] = "old"; self:push("o")
    end })
    r:read()
    r._read = function(self) reads[#reads + 1] = "new"; self:push("n") end
    r:read(); r:read()
    assert.are.same("old", reads[1])
    assert.are.same("new", reads[#reads])
  end)
end)
