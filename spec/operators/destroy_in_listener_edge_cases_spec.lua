-- An operator's stream destroyed from its own 'data' or 'readable' listener
-- (not in Node's tests). Node's operators return Readable.from(an async
-- generator): a destroy inside from()'s push returns the generator, which
-- leaves it done, so from() still pushes null and 'end' comes before 'close'
-- (not after destroy(err): the stream is errored). From 'readable' no push is
-- in progress and no 'end' comes. Sequences from
-- test/twins/operators/destroy_in_listener.js. See spec/README.md.

local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local Readable = stream.Readable

local SOURCE = "test/twins/operators/destroy_in_listener.js"
local node = twin.run(SOURCE)

local ops = {
  map = function(r) return r:map(function(x) return x .. x end) end,
  filter = function(r) return r:filter(function() return true end) end,
  flatMap = function(r) return r:flatMap(function(x) return { x, x } end) end,
  drop = function(r) return r:drop(1) end,
  take = function(r) return r:take(3) end,
}

local cases = {}
for _, op in ipairs({ "map", "filter", "flatMap", "drop", "take" }) do
  for _, err in ipairs({ false, true }) do
    for _, how in ipairs({ "data", "readable" }) do
      local name = op .. "_" .. how .. (err and "_err" or "")
      local desc = ("%s's stream destroyed%s from '%s'"):format(op, err and " with an error" or "", how)
      cases[#cases + 1] = { name, desc, function(L)
        local src = Readable.from({ "a", "b", "c", "d" })
        local s = ops[op](src)
        for _, ev in ipairs({ "end", "close", "error" }) do
          s:on(ev, function(e) L(ev == "error" and "error:" .. helper.errtext(e) or ev) end)
        end
        src:on("close", function() L("source close") end)
        local e = err and { code = "EX", message = "boom" } or nil
        if how == "data" then
          s:once("data", function(c)
            L("data:" .. c)
            s:destroy(e)
            L("destroyed", s.destroyed)
          end)
        else
          s:once("readable", function()
            L("read", helper.nullstr(s:read()))
            s:destroy(e)
            L("read", helper.nullstr(s:read()))
            L("errored", helper.errtext(s.errored))
          end)
        end
      end }
    end
  end
end

describe("operators: a stream destroyed from its own listener", function()
  -- twin: every case below, by name
  helper.twin_cases(cases, node, SOURCE)
  helper.twin_covers(cases, node)
end)
