-- test-stream2-readable-non-empty-end.js (Node 20's test/parallel/), translated; sequences from test/twins/readable/stream2_readable_non_empty_end.js. See spec/README.md.

local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local Readable = stream.Readable

local node = twin.run("test/twins/readable/stream2_readable_non_empty_end.js")

describe("test-stream2-readable-non-empty-end", function()
  -- twin: end_waits
  it("'end' waits until the last byte is read", function()
    local log = {}
    local len, chunks = 0, {}
    for i = 1, 10 do
      chunks[i] = string.rep("\0", i)
      len = len + i
    end
    local n = 0
    local r
    r = Readable.new({
      read = function()
        n = n + 1
        local chunk = chunks[n]
        helper.setTimeout(function() r:push(chunk) end, 1)
      end,
    })
    local thrower = function() helper.put(log, "early end") end
    r:on("end", thrower)
    local bytesread = 0
    local function nxt()
      r:removeListener("end", thrower)
      r:on("end", function() helper.put(log, "end") end)
      local x = r:read()
      helper.put(log, "last:" .. tostring(x and #x))
      helper.put(log, helper.nullstr(r:read()))
    end
    r:on("readable", helper.guard(function()
      local b = len - bytesread - 1
      local res = r:read(b)
      if res then
        bytesread = bytesread + #res
        helper.put(log, "got:" .. #res)
        helper.setTimeout(nxt, 1)
      end
      r:read(0)
    end))
    r:read(0)
    helper.settle()
    assert.are.same(node.end_waits, log)
  end)
end)
