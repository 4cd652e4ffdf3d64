-- destroy(e2) while _construct is pending and construct fails with e1: Node's aggregateTwoErrors.
-- Its JS twin is test/twins/exact/construct_destroy_aggregate.js; the spec asserts the
-- whole log node v20 printed for it, read from construct_destroy_aggregate.expected (spec/twin.lua).
-- See spec/README.md.

local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local Readable, Writable, Duplex = stream.Readable, stream.Writable, stream.Duplex

describe("node-exact: destroy(e2) while _construct is pending, construct fails with e1", function()
  -- test/twins/exact/construct_destroy_aggregate.js
  local function E(code, message) return stream.errors.new(code, message) end
  local function show(e)
    if e == nil then return "null" end
    if type(e) ~= "table" then return "value " .. tostring(e) end
    local errs = "-"
    if type(e.errors) == "table" then
      local t = {}
      for i, x in ipairs(e.errors) do
        t[i] = type(x) == "table" and (x.code or x.message) or tostring(x)
      end
      errs = "[" .. table.concat(t, ",") .. "]"
    end
    return table.concat({ e.name == "AggregateError" and "AggregateError" or "-",
      e.code == nil and "-" or tostring(e.code), ('"%s"'):format(tostring(e.message)), errs }, " ")
  end

  it("emits Node's aggregateTwoErrors(e1, e2) to _destroy, the destroy callback and 'error'",
  function()
    local shared = E("ES", "same")
    local agg = E("EAGG", "outer")
    agg.errors = { E("E0", "zero") }
    local cases = {
      { "both", E("E2", "two"), E("E1", "one") },
      { "same", shared, shared },
      { "destroy-only", E("E2", "two"), nil },
      { "construct-only", nil, E("E1", "one") },
      { "strings", "two", "one" },
      { "no-code", { message = "two" }, { message = "one" } },
      { "outer-has-errors", agg, E("E1", "one") },
    }
    local log = {}
    local i = 0
    local function nxt()
      i = i + 1
      local c = cases[i]
      if not c then return end
      local tag, e2, e1 = c[1], c[2], c[3]
      local Kind = (i % 2 == 1) and Readable or Writable
      local s = Kind.new({
        read = function() end,
        write = function(_, _, _, cb) cb() end,
        construct = function(_, cb) helper.setTimeout(function() cb(e1) end, 1) end,
        destroy = function(_, err, cb)
          helper.put(log, tag .. " _destroy " .. show(err))
          cb(err)
        end,
      })
      s:on("error", function(e) helper.put(log, tag .. " error " .. show(e)) end)
      s:on("close", function()
        helper.put(log, tag .. " close errored " .. show(s.errored))
        helper.setTimeout(nxt, 1)
      end)
      s:destroy(e2, function(e) helper.put(log, tag .. " destroy-cb " .. show(e)) end)
    end
    nxt()
    helper.settle()
    assert.are.same(twin.lines("test/twins/exact/construct_destroy_aggregate.js"), log)
  end)

  it("the AggregateError is a cstream error table", function()
    local got
    local d = Duplex.new({
      read = function() end,
      construct = function(_, cb) helper.setTimeout(function() cb(E("E1", "one")) end, 1) end,
    })
    d:on("error", function(e) got = e end)
    d:destroy(E("E2", "two"))
    helper.settle()
    assert.is_true(stream.errors.is(got, "E2"))
    assert.are.equal("AggregateError", got.name)
    assert.are.equal("two", got.message)
    assert.are.equal(2, #got.errors)
  end)
end)
