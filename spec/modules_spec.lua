-- The Lua layer's module boundaries (docs/DESIGN.md "The Lua layer"): plain
-- modules, one class model, one error maker, Node's two readable predicates.
-- Node behaviour behind the predicates: test/twins/modules/predicates.js
-- (isWritable(r) is null in Node 20, false here, as docs/API.md declares:
-- left written out).

local helper = require("spec.helper")
local stream = require("cstream")
local core = require("cstream.core")
local errors = require("cstream.errors")
local utils = require("cstream.utils")
local class = require("cstream.class")
local twin = require("spec.twin")

local node = twin.run("test/twins/modules/predicates.js")

describe("Lua modules", function()
  it("are plain tables, each loaded once: no factory to call", function()
    local seen = {}
    for _, name in ipairs({ "utils", "errors", "class", "events", "loop", "destroy",
                            "finished", "pipeline", "compose", "iter", "abort",
                            "operators", "await", "duplexify", "lines", "ltn12",
                            "fs", "handle", "process" }) do
      local m = require("cstream." .. name)
      seen[#seen + 1] = name .. ":" .. type(m)
      assert.are.equal(m, require("cstream." .. name))
    end
    for _, s in ipairs(seen) do assert.are.equal("table", s:match(":(.*)"), s) end
    assert.are.equal(stream.pipeline, require("cstream.pipeline").pipeline)
    assert.are.equal(stream.finished, require("cstream.finished").finished)
    assert.are.equal(stream.compose, require("cstream.compose").compose)
    assert.are.equal(stream.await, require("cstream.await"))
    assert.are.equal(stream._abort, require("cstream.abort"))
  end)

  it("errors share the C module's metatable", function()
    assert.are.equal(core.Error, errors.Error)
    local fromC = select(2, pcall(stream.Readable.new, 1))
    assert.are.equal(core.Error, getmetatable(fromC))
    assert.are.equal(core.Error, getmetatable(errors.new("X", "y")))
  end)

  it("fromLuv maps luv's nil, message, name, and reads the name from a message", function()
    local e = errors.fromLuv("ENOENT: no such file or directory: /x", "ENOENT")
    assert.same({ "ENOENT", "ENOENT: no such file or directory: /x" }, { e.code, e.message })
    e = errors.fromLuv("EACCES: permission denied: /y", nil, "open", "/y")
    assert.same({ "EACCES", "EACCES: permission denied: /y", "open", "/y" },
                { e.code, e.message, e.syscall, e.path })
    e = errors.fromLuv("ECONNRESET", nil, "read")
    assert.same({ "ECONNRESET", "read ECONNRESET", "read" }, { e.code, e.message, e.syscall })
    e = errors.fromLuv(nil, nil)
    assert.same({ "EIO", "I/O error" }, { e.code, e.message })
    assert.is_true(errors.is(e, "EIO"))
  end)

  it("argument errors keep Lua's wording and blame the caller", function()
    local ok, e = pcall(stream.finished, stream.PassThrough.new(), 42)
    assert.is_false(ok)
    assert.same({ "ERR_INVALID_ARG_TYPE", "bad argument #2 to 'finished' (function expected, got number)" },
                { e.code, e.message })
    ok, e = pcall(stream.pipeline)
    assert.same("bad argument #1 to 'pipeline' (function expected, got no value)", e.message)
  end)

  it("one class model: table emitters extend as the stream classes do", function()
    local EE = stream.EventEmitter
    local A = EE:extend("my.A")
    -- Metamethods are copied when a class is made (Lua reads them raw).
    A.__tostring = function() return "an A" end
    local B = A:extend()
    function A:hello() return "A" end
    local C = B:extend("my.C")
    local c = C.new()
    assert.same({ "my.A", "my.A", "my.C" }, { A.__name, B.__name, C.__name })
    assert.same({ EE, A, B }, { A.super, B.super, C.super })
    assert.are.equal("A", c:hello())
    assert.are.equal("an A", tostring(c))
    assert.same({ true, true, true, true, false },
                { C:isInstance(c), B:isInstance(c), A:isInstance(c), EE:isInstance(c),
                  C:isInstance(B.new()) })
    -- Stream classes through the same functions.
    local T = stream.Transform:extend("my.T")
    local t = T.new()
    assert.same({ true, true, true, false },
                { class.isInstance(T, t), stream.Duplex:isInstance(t),
                  stream.Readable:isInstance(t), EE:isInstance(t) })
    assert.are.equal(stream.Transform, T.super)
  end)

  -- twin: looks_readable, is_readable, order, ended
  it("isReadableNodeStream says what a value looks like, isReadable whether it can be read", function()
    local r = stream.Readable.new({ read = function() end })
    local w = stream.Writable.new({ write = function(_, _, _, cb) cb() end })
    local legacy = stream.EventEmitter.new()
    legacy.pipe = function() end
    -- Node's isReadable is null for w and legacy (legacy has no readable property)
    assert.same(node.looks_readable,
                twin.strings({ utils.isReadableNodeStream(r), utils.isReadableNodeStream(w),
                  utils.isReadableNodeStream(legacy) }))
    assert.same(node.is_readable,
                { tostring(utils.isReadable(r)), tostring(utils.isReadable(w)), tostring(utils.isReadable(legacy)) })
    r:push(nil)
    r:resume()
    local order = {}
    r:on("end", function() order[#order + 1] = "end" end)
    helper.run()
    -- Ended: Node's isReadable is false; cstream's exported predicate
    -- answers the `readable` property, false too.
    assert.same(node.order, order)
    assert.same(node.ended, twin.strings({ utils.isReadable(r), stream.isReadable(r) }))
    assert.same({ true, false }, { stream.isWritable(w), stream.isWritable(r) })
  end)
end)
