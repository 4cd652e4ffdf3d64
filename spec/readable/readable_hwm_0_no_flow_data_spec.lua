-- test-stream-readable-hwm-0-no-flow-data.js (Node 20's test/parallel/), translated; sequences from test/twins/readable/readable_hwm_0_no_flow_data.js. See spec/README.md.

local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local Readable = stream.Readable

local node = twin.run("test/twins/readable/readable_hwm_0_no_flow_data.js")

describe("test-stream-readable-hwm-0-no-flow-data", function()
  -- twin: no_flow
  it("a 'data' listener does not make a stream with a 'readable' listener flow", function()
    local log, calls = {}, {}
    local data = { "a" }
    local function head() return data[1] == nil and "null" or data[1] end
    local r
    r = Readable.new({
      highWaterMark = 0,
      objectMode = true,
      read = function()
        helper.put(calls, "_read:" .. head())
        helper.nextTick(function()
          helper.put(calls, "push:" .. head())
          r:push(table.remove(data, 1))
        end)
      end,
    })
    local function snap() return table.concat(calls, ",") end
    helper.put(log, tostring(r.readableFlowing))
    r:on("readable", function() helper.put(calls, "readable") end)
    helper.put(log, tostring(r.readableFlowing))
    r:on("data", function(d) helper.put(calls, "data:" .. d) end)
    r:on("end", function() helper.put(calls, "end") end)
    helper.put(log, tostring(r.readableFlowing))
    helper.setTimeout(function()
      helper.put(log, snap())
      helper.put(log, helper.nullstr(r:read()))
      helper.put(log, snap())
      helper.put(log, helper.nullstr(r:read()))
      helper.setTimeout(function()
        helper.put(log, snap())
        helper.put(log, helper.nullstr(r:read()))
        helper.put(log, snap())
        helper.nextTick(function() helper.put(log, snap()) end)
      end, 1)
    end, 1)
    helper.settle()
    assert.are.same(node.no_flow, log)
  end)
end)
