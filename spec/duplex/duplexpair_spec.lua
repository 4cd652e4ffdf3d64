-- test-stream-duplexpair.js (Node 20's test/parallel/), translated: stream.duplexPair.
-- Each case's sequence is what node v20 printed for the same case of the JS
-- twin test/twins/duplex/utilities.js, read from its .expected (spec/twin.lua).

local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local Duplex = stream.Duplex

local EV = { "data", "prefinish", "finish", "end", "close", "error" }

local function prefixed(L, p) return function(e) L(p .. " " .. e) end end

local function readAll(L, client)
  local characters = ""
  client:on("readable", function()
    while true do
      local segment = client:read()
      if segment == nil then break end
      characters = characters .. segment
    end
  end)
  client:on("end", function() L("end " .. string.format("%q", characters):gsub("\\\n", "\\n")) end)
end

local cases = {
  { "pair_two_sides", "duplexPair returns two distinct Duplexes",
    function(L)
      local a, b = stream.duplexPair()
      L("Duplex=" .. tostring(Duplex:isInstance(a)) .. "/" .. tostring(Duplex:isInstance(b)) ..
        " distinct=" .. tostring(a ~= b))
    end,
  },

  { "pair_write_reaches_other", "what one side writes the other reads; no 'end' without end()",
    function(L)
      local client, server = stream.duplexPair()
      helper.watch(client, prefixed(L, "client"), EV)
      server:write("foo")
    end,
  },

  { "pair_end_reaches_other", "ending one side ends the other's readable side",
    function(L)
      local client, server = stream.duplexPair()
      helper.watch(server, prefixed(L, "server"), EV)
      helper.watch(client, prefixed(L, "client"), EV)
      client:finish("foo")
    end,
  },

  { "pair_corked", "corked writes arrive in order, then the end",
    function(L)
      local server, client = stream.duplexPair()
      server:cork()
      server:write("abc")
      server:write("12")
      server:finish("\n")
      server:uncork()
      readAll(L, client)
    end,
  },

  { "pair_empty_writes", "empty writes do not wait for a read that never comes",
    function(L)
      local server, client = stream.duplexPair()
      server:write("")
      server:write("12")
      server:write("")
      server:write("")
      server:finish("\n")
      readAll(L, client)
    end,
  },

  { "pair_callbacks", "a write's callback waits for the reader; both sides end and close",
    function(L)
      local a, b = stream.duplexPair({ highWaterMark = 1 })
      helper.watch(a, prefixed(L, "a"), EV)
      helper.watch(b, prefixed(L, "b"), EV)
      L("write x " .. tostring(a:write("x", function(e) L("cb x " .. helper.errtext(e)) end)))
      L("write y " .. tostring(a:write("y", function(e) L("cb y " .. helper.errtext(e)) end)))
      a:finish(function() L("a end cb") end)
      b:finish()
    end,
  },

  { "pair_object_mode", "options go to both sides",
    function(L)
      local a, b = stream.duplexPair({ objectMode = true })
      b:on("data", function(o) L("data n=" .. o.n) end)
      a:write({ n = 1 })
      a:write({ n = 2 })
    end,
  },
}

-- What node v20 printed for each case (test/twins/duplex/utilities.js).
local node = twin.run("test/twins/duplex/utilities.js")

describe("duplexPair (test-stream-duplexpair.js)", function()
  helper.twin_cases(cases, node, "test/twins/duplex/utilities.js")
end)

describe("the JS twin (test/twins/duplex/utilities.js)", function()
  helper.twin_covers(cases, node)
end)
