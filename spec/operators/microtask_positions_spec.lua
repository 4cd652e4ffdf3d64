-- Where the operators' callbacks run relative to ticks (test/twins/operators/microtasks.js); see spec/README.md.

local helper = require("spec.helper")
local stream = require("cstream")
local Readable = stream.Readable

-- test/twins/operators/microtasks.js: where each value arrives, counted by
-- a chain of microtasks started with the operator (Node's promise timing).
describe("microtask positions", function()
  local function positions(start)
    local n = 0
    local function step()
      n = n + 1
      if n < 400 then stream.queueMicrotask(step) end
    end
    local log = {}
    local function at(what) log[#log + 1] = what .. "@" .. n end
    start(at, function(s)
      s:on("data", function(v) at("d" .. v) end)
      s:on("end", function() at("end") end)
      s:on("close", function() at("close") end)
    end)
    stream.queueMicrotask(step)
    helper.run(5000)
    return table.concat(log, " ")
  end
  local function mk() return Readable.from({ 1, 2, 3 }) end
  local function streamOf(f) return function(_, watch) watch(f()) end end

  it("of the stream-returning operators are Node's", function()
    local function id(x) return x end
    assert.equal("d1@6 d2@13 d3@20 end@400 close@400", positions(streamOf(function() return mk():map(id) end)))
    assert.equal("d1@6 d2@13 d3@20 end@400 close@400",
      positions(streamOf(function() return mk():filter(function() return true end) end)))
    assert.equal("d1@4 d2@8 end@400 close@400", positions(streamOf(function() return mk():take(2) end)))
    assert.equal("d2@6 d3@10 end@400 close@400", positions(streamOf(function() return mk():drop(1) end)))
    assert.equal("d1@9 d2@21 d3@33 end@400 close@400",
      positions(streamOf(function() return mk():flatMap(function(x) return { x } end) end)))
    assert.equal("d1@9 d1@12 d1@15 d2@27 end@400 close@400",
      positions(streamOf(function()
        return Readable.from({ 1, 2 }):flatMap(function(x)
          if x == 1 then return { x, x, x } end
          return { x }
        end)
      end)))
  end)

  it("of the value-returning operators are Node's", function()
    local function cb(at) return function() at("v") end end
    assert.equal("v@400", positions(function(at) mk():toArray(cb(at)) end))
    assert.equal("f1@1 f2@6 f3@11 v@400", positions(function(at)
      mk():forEach(function(x) at("f" .. x) end, cb(at))
    end))
    assert.equal("v@13", positions(function(at) mk():some(function(x) return x == 2 end, cb(at)) end))
    assert.equal("v@18", positions(function(at) mk():find(function(x) return x == 3 end, cb(at)) end))
    assert.equal("v@400", positions(function(at)
      mk():reduce(function(a, b) return a + b end, 0, cb(at))
    end))
  end)
end)
