-- test-stream-unshift-empty-chunk.js (Node 20's test/parallel/), translated; see spec/README.md.
-- The second describe asserts the whole log of its JS twin, test/twins/exact/unshift_empty_chunk.js.

local helper = require("spec.helper")
local stream = require("cstream")
local Readable = stream.Readable
local twin = require("spec.twin")
local node = twin.run("test/twins/readable/unshift_empty_string.js")

describe("test-stream-unshift-empty-chunk", function()
  it("unshift('') does not stop the reading", function()
    local n, seen = 10, {}
    local chunk = string.rep("x", 10)
    local r
    r = Readable.new({
      read = function()
        helper.setTimeout(function()
          n = n - 1
          if n == 0 then r:push(nil) else r:push(chunk) end
        end, 1)
      end,
    })
    local readAll = false
    r:on("readable", helper.guard(function()
      local c = r:read()
      while c ~= nil do
        helper.put(seen, c)
        r:unshift(string.rep("y", readAll and 0 or 5))
        readAll = not readAll
        c = r:read()
      end
    end))
    local ended = false
    r:on("end", function() ended = true end)
    helper.settle()
    local expected = {}
    for _ = 1, 9 do helper.put(expected, "xxxxxxxxxx", "yyyyy") end
    assert.are.same(expected, seen)
    assert.is_true(ended)
  end)
end)

describe("node-exact: unshift of an empty chunk (test-stream-unshift-empty-chunk)", function()
  -- test/twins/exact/unshift_empty_chunk.js [timer|tick|sync]
  local function run(defer)
    local log = {}
    local r = Readable.new()
    local nChunks = 10
    local chunk = ("x"):rep(10)
    local reads = 0
    r._read = function()
      helper.put(log, "_read")
      reads = reads + 1
      if reads > 40 then return end -- a runaway would otherwise never end
      defer(function()
        nChunks = nChunks - 1
        local c
        if nChunks ~= 0 then c = chunk end
        local ok = r:push(c)
        helper.put(log, "push " .. (c or "null") .. " -> " .. tostring(ok))
      end)
    end
    local readAll = false
    r:on("readable", function()
      helper.put(log, "readable")
      while true do
        local c = r:read()
        if c == nil then break end
        helper.put(log, "read " .. c)
        r:unshift(("y"):rep(readAll and 0 or 5))
        readAll = not readAll
      end
    end)
    r:on("end", function() helper.put(log, "end") end)
    r:on("close", function() helper.put(log, "close") end)
    helper.settle()
    return log
  end

  -- What node v20 prints for the twin in each mode ('|' between lines).
  local NODE = {
    timer = "_read|push xxxxxxxxxx -> true|readable|_read|read xxxxxxxxxx|read yyyyy|"
      .. "push xxxxxxxxxx -> true|readable|_read|read xxxxxxxxxx|read yyyyy|"
      .. "push xxxxxxxxxx -> true|readable|_read|read xxxxxxxxxx|read yyyyy|"
      .. "push xxxxxxxxxx -> true|readable|_read|read xxxxxxxxxx|read yyyyy|"
      .. "push xxxxxxxxxx -> true|readable|_read|read xxxxxxxxxx|read yyyyy|"
      .. "push xxxxxxxxxx -> true|readable|_read|read xxxxxxxxxx|read yyyyy|"
      .. "push xxxxxxxxxx -> true|readable|_read|read xxxxxxxxxx|read yyyyy|"
      .. "push xxxxxxxxxx -> true|readable|_read|read xxxxxxxxxx|read yyyyy|"
      .. "push xxxxxxxxxx -> true|readable|_read|read xxxxxxxxxx|read yyyyy|readable|"
      .. "push null -> false|end|close",
    tick = "_read|push xxxxxxxxxx -> true|readable|_read|read xxxxxxxxxx|read yyyyy|"
      .. "push xxxxxxxxxx -> true|readable|_read|read xxxxxxxxxx|read yyyyy|"
      .. "push xxxxxxxxxx -> true|readable|_read|read xxxxxxxxxx|read yyyyy|"
      .. "push xxxxxxxxxx -> true|readable|_read|read xxxxxxxxxx|read yyyyy|"
      .. "push xxxxxxxxxx -> true|readable|_read|read xxxxxxxxxx|read yyyyy|"
      .. "push xxxxxxxxxx -> true|readable|_read|read xxxxxxxxxx|read yyyyy|"
      .. "push xxxxxxxxxx -> true|readable|_read|read xxxxxxxxxx|read yyyyy|"
      .. "push xxxxxxxxxx -> true|readable|_read|read xxxxxxxxxx|read yyyyy|"
      .. "push xxxxxxxxxx -> true|readable|_read|read xxxxxxxxxx|read yyyyy|readable|"
      .. "push null -> false|readable|end|close",
    sync = "_read|push xxxxxxxxxx -> true|readable|_read|push xxxxxxxxxx -> true|"
      .. "read xxxxxxxxxxxxxxxxxxxx|_read|push xxxxxxxxxx -> true|read yyyyyxxxxxxxxxx|"
      .. "_read|push xxxxxxxxxx -> true|read xxxxxxxxxx|_read|push xxxxxxxxxx -> true|"
      .. "read yyyyyxxxxxxxxxx|_read|push xxxxxxxxxx -> true|read xxxxxxxxxx|_read|"
      .. "push xxxxxxxxxx -> true|read yyyyyxxxxxxxxxx|_read|push xxxxxxxxxx -> true|"
      .. "read xxxxxxxxxx|_read|push xxxxxxxxxx -> true|read yyyyyxxxxxxxxxx|_read|"
      .. "push null -> false|readable|readable|readable|readable|readable|end|close",
  }
  local function lines(s)
    local t = {}
    for l in s:gmatch("[^|]+") do t[#t + 1] = l end
    return t
  end

  it("ends after 18 chunks with _read pushing from a timer", function()
    assert.are.same(lines(NODE.timer), run(function(f) helper.setTimeout(f, 1) end))
  end)

  it("ends after 18 chunks with _read pushing from nextTick", function()
    assert.are.same(lines(NODE.tick), run(function(f) stream.nextTick(f) end))
  end)

  it("ends after 18 chunks with _read pushing synchronously", function()
    assert.are.same(lines(NODE.sync), run(function(f) f() end))
  end)

  -- twin: unshift_empty_string
  it("unshift('') in object mode is a chunk; in byte mode it changes nothing", function()
    local log = {}
    local r = Readable.new({ objectMode = true, read = function() end })
    r:unshift("")
    helper.put(log, r.readableLength, ("%q"):format(r:read()), r.readableLength)
    local b = Readable.new({ read = function() helper.put(log, "_read") end })
    b:push("ab")
    b:unshift("")
    helper.put(log, b.readableLength, b:read())
    assert.are.same(node.unshift_empty_string, twin.strings(log))
    r:destroy()
    b:destroy()
    helper.settle()
  end)
end)
