-- Where the operators' callbacks run relative to ticks (test/twins/operators/microtasks.js); see spec/README.md.

local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local Readable = stream.Readable

local node = twin.run("test/twins/operators/microtasks.js")

-- test/twins/operators/microtasks.js: where each value arrives, counted by
-- a chain of microtasks started with the operator (Node's promise timing);
-- each operator's line is the twin's case of that name.
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

  -- twin: map, filter, take, drop, flatMap, flatMap3
  it("of the stream-returning operators are Node's", function()
    local function id(x) return x end
    assert.equal(node.map[1], positions(streamOf(function() return mk():map(id) end)))
    assert.equal(node.filter[1],
      positions(streamOf(function() return mk():filter(function() return true end) end)))
    assert.equal(node.take[1], positions(streamOf(function() return mk():take(2) end)))
    assert.equal(node.drop[1], positions(streamOf(function() return mk():drop(1) end)))
    assert.equal(node.flatMap[1],
      positions(streamOf(function() return mk():flatMap(function(x) return { x } end) end)))
    assert.equal(node.flatMap3[1],
      positions(streamOf(function()
        return Readable.from({ 1, 2 }):flatMap(function(x)
          if x == 1 then return { x, x, x } end
          return { x }
        end)
      end)))
  end)

  -- twin: toArray, forEach, some, find, reduce
  it("of the value-returning operators are Node's", function()
    local function cb(at) return function() at("v") end end
    assert.equal(node.toArray[1], positions(function(at) mk():toArray(cb(at)) end))
    assert.equal(node.forEach[1], positions(function(at)
      mk():forEach(function(x) at("f" .. x) end, cb(at))
    end))
    assert.equal(node.some[1], positions(function(at) mk():some(function(x) return x == 2 end, cb(at)) end))
    assert.equal(node.find[1], positions(function(at) mk():find(function(x) return x == 3 end, cb(at)) end))
    assert.equal(node.reduce[1], positions(function(at)
      mk():reduce(function(a, b) return a + b end, 0, cb(at))
    end))
  end)
end)
