-- test-event-emitter-method-names.js (Node 20's test/parallel/), translated; see spec/README.md.

local events = require("cstream.events")
local EventEmitter = events.EventEmitter

describe("test-event-emitter-method-names", function()
  it("aliases are the same function and the set is Node's", function()
    local m = events.methods
    assert.are.equal(m.on, m.addListener)
    assert.are.equal(m.off, m.removeListener)
    local names = {}
    for k, v in pairs(m) do
      assert.are.equal("function", type(v))
      names[#names + 1] = k
    end
    table.sort(names)
    assert.are.same({ "addListener", "emit", "eventNames", "getMaxListeners",
                      "listenerCount", "listeners", "off", "on", "once",
                      "prependListener", "prependOnceListener", "rawListeners",
                      "removeAllListeners", "removeListener", "setMaxListeners" },
                    names)
    for k, v in pairs(m) do assert.are.equal(v, EventEmitter[k]) end
  end)
end)
