-- A handle stream closes as net.Socket does (emitClose false): destroy()
-- completes at once ('error' on the next tick, `closed` already true) and
-- 'close' comes with hadError from the handle's close callback.
-- Twin: test/twins/handle/socket_close.js.
local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local uv = require("luv")

local source = "test/twins/handle/socket_close.js"
local node = twin.run(source)

-- A connected pair: onServer(socket) and onClient(socket) get the two ends.
local function pair(onServer, onClient)
  local srv = uv.new_tcp()
  assert(srv:bind("127.0.0.1", 0))
  assert(srv:listen(16, function()
    local h = uv.new_tcp()
    srv:accept(h)
    srv:close()
    onServer(stream.fromHandle(h))
  end))
  local c = uv.new_tcp()
  c:connect("127.0.0.1", srv:getsockname().port, function()
    onClient(stream.fromHandle(c))
  end)
end

local function watch(s, L, tag)
  for _, ev in ipairs({ "end", "finish", "error", "close" }) do
    s:on(ev, function(x)
      if ev == "error" then L(tag, ev, x.message)
      elseif ev == "close" then L(tag, ev, x)
      else L(tag, ev, "") end
    end)
  end
end

local cases = {
  { "ends", "the peer ends: 'close'(false) on both", function(L)
    pair(function(s) watch(s, L, "S"); s:finish("bye") end,
         function(c) watch(c, L, "C"); c:resume() end)
  end },
  { "destroy", "destroy(): closed at once, 'close'(false) after an immediate", function(L)
    pair(function(s) watch(s, L, "S") end, function(c)
      watch(c, L, "C")
      c:destroy()
      L("destroyed", c.destroyed, c.closed)
      helper.check_immediate(function() L("immediate") end)
    end)
  end },
  { "destroy_error", "destroy(err): 'error' on the next tick, 'close'(true) later", function(L)
    pair(function(s) watch(s, L, "S") end, function(c)
      watch(c, L, "C")
      c:destroy({ message = "boom" })
      L("destroyed", c.destroyed, c.closed)
      helper.check_immediate(function() L("immediate") end)
    end)
  end },
}

describe("fromHandle: 'close' as net.Socket's", function()
  helper.twin_cases(cases, node, source)
  helper.twin_covers(cases, node)
end)
