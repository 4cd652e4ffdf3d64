-- Readable.from(a generator) destroyed while from()'s `await iterator.next()`
-- settles with what the generator already gave (not in Node's tests): from()
-- still takes that result, so a value goes to no one and the end still ends
-- the stream ('end' before 'close', none after destroy(err): the stream is
-- errored). The generators are coroutine.wrap functions (Node's async
-- generators); a to-be-closed value stands for the finally block, so the
-- cases need Lua 5.4's. Sequences from
-- test/twins/iter/readable_from_generator_destroy_settling.js. See spec/README.md.

local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local Readable = stream.Readable

local SOURCE = "test/twins/iter/readable_from_generator_destroy_settling.js"
local node = twin.run(SOURCE)

-- A generator over items whose finally block logs (helper.closing: a
-- to-be-closed value, Lua 5.4 only).
local function generator(items, L)
  return coroutine.wrap(helper.closing(function()
    for _, x in ipairs(items) do
      L("yield " .. x)
      coroutine.yield(x)
    end
  end, function() L("finally") end))
end

local cases = {}
for _, items in ipairs({ {}, { "a" }, { "a", "b" } }) do
  for _, err in ipairs({ false, true }) do
    for _, how in ipairs({ "data", "resume" }) do
      local name = ("items%d_%s%s"):format(#items, how, err and "_err" or "")
      local desc = ("a generator of %d value(s), flowing by %s, destroyed%s a tick later"):format(
        #items, how == "data" and "'data'" or "resume()", err and " with an error" or "")
      cases[#cases + 1] = { name, desc, function(L)
        local s = Readable.from(generator(items, L))
        for _, ev in ipairs({ "end", "close", "error" }) do
          s:on(ev, function(e) L(ev == "error" and "error:" .. helper.errtext(e) or ev) end)
        end
        if how == "data" then
          s:on("data", function(c) L("data:" .. c) end)
        else
          s:resume()
        end
        stream.nextTick(function()
          L("destroy")
          s:destroy(err and { code = "EX", message = "boom" } or nil)
        end)
      end }
    end
  end
end

describe("Readable.from(generator) destroyed while a step settles", function()
  -- twin: every case below, by name
  helper.twin_cases(cases, node, SOURCE, function()
    if not helper.TBC then return pending("a generator's finally block needs Lua 5.4's to-be-closed values") end
  end)
  helper.twin_covers(cases, node)
end)
