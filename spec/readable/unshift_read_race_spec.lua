-- test-stream-unshift-read-race.js (Node 20's test/parallel/), translated; sequences from test/twins/readable/unshift_read_race.js. See spec/README.md.

local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local Readable = stream.Readable
local Writable = stream.Writable

local node = twin.run("test/twins/readable/unshift_read_race.js")

describe("test-stream-unshift-read-race", function()
  -- twin: race
  it("unshift() while reading and push() after EOF", function()
    local log, written = {}, {}
    local hwm = 10
    local r
    local chunks = 10
    local pattern = {}
    for i = 0, chunks * hwm + math.ceil(hwm / 2) - 1 do
      local k = i % 4 + 1
      pattern[#pattern + 1] = ("asdf"):sub(k, k)
    end
    local data = table.concat(pattern)
    local pos, pushedNull = 0, false
    local w = Writable.new({ write = function(_, c, _, cb) helper.put(written, c); cb() end })
    local function pushError()
      r:unshift("U")
      w:finish()
      helper.put(log, "push-after-eof", r:push("P"))
    end
    r = Readable.new({
      highWaterMark = hwm,
      read = function(_, n)
        if pushedNull then helper.put(log, "_read after null") end
        local c
        if pos < #data then c = data:sub(pos + 1, pos + n) end
        pushedNull = c == nil
        local fast = chunks % 3 == 0
        local function go()
          pos = pos + n
          r:push(c)
          if c == nil then pushError() end
        end
        if fast then go() else helper.setTimeout(go, 1) end
      end,
    })
    r:on("end", function() helper.put(log, "end") end)
    r:on("error", function(e) helper.put(log, "error:" .. tostring(helper.errcode(e))) end)
    r:on("close", function() helper.put(log, "close") end)
    r:on("readable", helper.guard(function()
      local chunk = r:read(10)
      while chunk ~= nil do
        w:write(chunk)
        if #chunk > 4 then r:unshift("1234") end
        chunk = r:read(10)
      end
    end))
    w:on("finish", function()
      helper.put(log, "finish", #written)
      for _, x in ipairs(written) do helper.put(log, x) end
    end)
    helper.settle()
    assert.are.same(node.race, twin.strings(log))
  end)
end)
