-- Node 20's streams fill _events with a fixed set of keys in their
-- constructors (EventEmitter's kShapeMode): a name whose only listener goes
-- keeps its key, so no 'removeListener' is emitted for it and eventNames()
-- keeps it in place; removeAllListeners without a 'removeListener' listener,
-- or removeAllListeners(), ends that mode. Plain emitters are not in it.
-- Sequences from test/twins/events/stream_shape_mode.js. See spec/README.md.

local stream = require("cstream")
local twin = require("spec.twin")
local Readable, Writable, Duplex = stream.Readable, stream.Writable, stream.Duplex
local EventEmitter = stream.EventEmitter

local node = twin.run("test/twins/events/stream_shape_mode.js")

describe("a stream's _events in Node's shape mode", function()
  local function f() end
  local function g() end
  local function heard(e, log)
    e:on("removeListener", function(name) log[#log + 1] = "-" .. name end)
  end
  local function names(e) return table.concat(e:eventNames(), ",") end
  local function R() return Readable.new({ read = function() end }) end

  -- twin: event_names
  it("eventNames() lists the constructor's names first, in their order, and keeps a name's place", function()
    local log = {}
    local r = R()
    r:on("foo", f); r:on("end", f); r:on("close", f); r:on("data", f)
    log[#log + 1] = names(r)
    r:off("close", f); log[#log + 1] = names(r)
    r:on("close", g); log[#log + 1] = names(r)
    r:off("foo", f); r:on("bar", f); r:on("foo", f); log[#log + 1] = names(r)
    local w = Writable.new({ write = function(_, _, _, cb) cb() end })
    w:on("x", f); w:on("drain", f); w:on("error", f); log[#log + 1] = names(w)
    local d = Duplex.new({ read = function() end, write = function(_, _, _, cb) cb() end })
    d:on("x", f); d:on("readable", f); d:on("finish", f); d:on("data", f); log[#log + 1] = names(d)
    assert.are.same(node.event_names, log)
  end)

  -- twin: lone_removal
  it("removing a name's only listener emits no 'removeListener'; one of several does", function()
    local log = {}
    local r = R()
    heard(r, log)
    r:on("foo", f); r:on("foo", g); r:on("bar", f)
    r:off("foo", g); log[#log + 1] = "a"
    r:off("foo", f); log[#log + 1] = "b"
    r:off("bar", f); log[#log + 1] = "c"
    r:once("baz", f); r:emit("baz"); log[#log + 1] = "d"
    r:on("q", f); r:on("q", g); r:removeAllListeners("q"); log[#log + 1] = "e"
    log[#log + 1] = names(r)
    assert.are.same(node.lone_removal, log)
  end)

  -- twin: pipe_and_finished
  it("pipe, unpipe and finished's cleanup remove their listeners without a word", function()
    local log = {}
    local r = R()
    local w = Writable.new({ write = function(_, _, _, cb) cb() end })
    heard(r, log); heard(w, log)
    r:pipe(w)
    r:unpipe(w)
    log[#log + 1] = "unpiped"
    local cleanup = stream.finished(w, f)
    cleanup()
    assert.are.same(node.pipe_and_finished, log)
  end)

  -- twin: left_by_remove_all_name
  it("removeAllListeners(name) with nobody told ends the mode; the constructor's keys stay", function()
    local log = {}
    local r = R()
    r:on("foo", f); r:on("x", f)
    r:removeAllListeners("foo")
    log[#log + 1] = names(r)
    heard(r, log)
    r:on("bar", f); r:off("bar", f); log[#log + 1] = "after"
    r:on("close", f); r:on("foo", f); log[#log + 1] = names(r)
    assert.are.same(node.left_by_remove_all_name, log)
  end)

  -- twin: left_without_listeners
  it("ends the mode on a stream that never had a listener", function()
    local log = {}
    local r = R()
    r:removeAllListeners("zzz")
    r:on("x", f); r:on("close", f)
    log[#log + 1] = names(r)
    heard(r, log)
    r:on("bar", f); r:off("bar", f); log[#log + 1] = "after"
    assert.are.same(node.left_without_listeners, log)
  end)

  -- twin: left_by_remove_all
  it("removeAllListeners() forgets the constructor's keys and ends the mode", function()
    local log = {}
    local r = R()
    r:on("close", f); r:on("foo", f); r:on("foo", g)
    heard(r, log)
    r:removeAllListeners()
    log[#log + 1] = "names " .. names(r)
    r:on("x", f); r:on("close", f); log[#log + 1] = names(r)
    heard(r, log)
    r:off("x", f); log[#log + 1] = "after"
    assert.are.same(node.left_by_remove_all, log)
  end)

  -- twin: kept_by_remove_all_heard
  it("removeAllListeners(name) with a 'removeListener' listener stays in the mode", function()
    local log = {}
    local r = R()
    heard(r, log)
    r:on("foo", f); r:on("foo", g); r:on("bar", f)
    r:removeAllListeners("foo"); log[#log + 1] = "a"
    r:off("bar", f); log[#log + 1] = "b"
    assert.are.same(node.kept_by_remove_all_heard, log)
  end)

  -- twin: plain_emitter
  it("a plain emitter reports every removal and drops a name with its last listener", function()
    local log = {}
    local e = EventEmitter.new()
    heard(e, log)
    e:on("foo", f); e:off("foo", f)
    e:once("x", f); e:emit("x")
    e:on("a", f); e:on("b", f); e:off("a", f); e:on("a", f)
    log[#log + 1] = table.concat(e:eventNames(), ",")
    assert.are.same(node.plain_emitter, log)
  end)
end)
