-- test-event-emitter-set-max-listeners-side-effects.js (Node 20's test/parallel/), translated; see spec/README.md.

local events = require("cstream.events")
local EventEmitter = events.EventEmitter

describe("test-event-emitter-set-max-listeners-side-effects", function()
  it("creates no listeners table", function()
    local e = EventEmitter.new()
    e:setMaxListeners(1)
    assert.is_nil(e._events)
  end)
end)
