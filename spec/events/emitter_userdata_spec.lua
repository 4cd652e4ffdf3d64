-- cstream: emitter on a userdata-like object: cstream behaviour beyond Node's own tests; see spec/README.md.

local events = require("cstream.events")

-- An object shaped like a stream userdata: no raw fields, every field read
-- and written through __index/__newindex into a per-instance side table.
local function proxyEmitter()
  local fields = {}
  local proxy = setmetatable({}, {
    __index = function(_, k)
      local v = fields[k]
      if v ~= nil then return v end
      return events.methods[k]
    end,
    __newindex = function(_, k, v) fields[k] = v end,
  })
  return proxy, fields
end

describe("cstream: emitter on a userdata-like object", function()
  it("keeps its state only in self._events and self._maxListeners", function()
    local obj, fields = proxyEmitter()
    local log = {}
    local f = function(v) log[#log + 1] = v end
    obj:on("data", f)
    obj:once("data", function(v) log[#log + 1] = "once " .. v end)
    obj:prependListener("end", f)
    obj:emit("data", 1)
    obj:emit("data", 2)
    obj:setMaxListeners(5)
    obj:off("data", f)
    obj:removeAllListeners()
    assert.are.same({ 1, "once 1", 2 }, log)
    assert.is_nil(next(obj)) -- nothing stored raw
    local keys = {}
    for k in pairs(fields) do keys[#keys + 1] = k end
    table.sort(keys)
    assert.are.same({ "_events", "_maxListeners" }, keys)
    assert.are.equal(5, obj:getMaxListeners())
  end)
end)
