-- Argument errors of the binding's methods: each names the method the user
-- called and the argument, and is an error table (docs/API.md, "Errors").
-- The codes for bad encodings come from test/twins/binding/arg_errors.js.
local cs = require("cstream")

local function raised(f)
  local ok, e = pcall(f)
  assert.is_false(ok)
  assert.are.equal("table", type(e))
  return e.code .. " | " .. e.message
end

describe("binding argument errors", function()
  local function R() return cs.Readable.new{read = function() end} end
  local function W() return cs.Writable.new{write = function(_, _, _, cb) cb() end} end

  local cases = {
    {"push bad encoding type", function() R():push("x", {}) end,
     "ERR_INVALID_ARG_TYPE | bad argument #2 to 'push' (string expected, got table)"},
    {"unshift names unshift", function() R():unshift("x", {}) end,
     "ERR_INVALID_ARG_TYPE | bad argument #2 to 'unshift' (string expected, got table)"},
    {"push unknown encoding", function() R():push("x", "bogus") end,
     "ERR_UNKNOWN_ENCODING | Unknown encoding: bogus"},
    {"unshift unknown encoding", function() R():unshift("x", "bogus") end,
     "ERR_UNKNOWN_ENCODING | Unknown encoding: bogus"},
    {"setEncoding unknown", function() R():setEncoding("bogus") end,
     "ERR_UNKNOWN_ENCODING | Unknown encoding: bogus"},
    {"setEncoding buffer", function() R():setEncoding("buffer") end,
     "ERR_UNKNOWN_ENCODING | Unknown encoding: buffer"},
    {"setEncoding bad type", function() R():setEncoding({}) end,
     "ERR_INVALID_ARG_TYPE | bad argument #1 to 'setEncoding' (string expected, got table)"},
    {"write unknown encoding", function() W():write("x", "bogus") end,
     "ERR_UNKNOWN_ENCODING | Unknown encoding: bogus"},
    {"write bad encoding type", function() W():write("x", {}) end,
     "ERR_INVALID_ARG_TYPE | bad argument #2 to 'write' (string expected, got table)"},
    {"end unknown encoding", function() local w = W(); w["end"](w, "x", "bogus") end,
     "ERR_UNKNOWN_ENCODING | Unknown encoding: bogus"},
    {"setDefaultEncoding unknown", function() W():setDefaultEncoding("bogus") end,
     "ERR_UNKNOWN_ENCODING | Unknown encoding: bogus"},
    {"setDefaultEncoding bad type", function() W():setDefaultEncoding({}) end,
     "ERR_INVALID_ARG_TYPE | bad argument #1 to 'setDefaultEncoding' (string expected, got table)"},
    {"new Readable encoding", function() cs.Readable.new{encoding = "bogus"} end,
     "ERR_UNKNOWN_ENCODING | Unknown encoding: bogus"},
    {"new Readable encoding buffer", function() cs.Readable.new{encoding = "buffer"} end,
     "ERR_UNKNOWN_ENCODING | Unknown encoding: buffer"},
    {"new Writable defaultEncoding", function() cs.Writable.new{defaultEncoding = "bogus"} end,
     "ERR_UNKNOWN_ENCODING | Unknown encoding: bogus"},
    {"read bad n", function() R():read("x") end,
     "ERR_INVALID_ARG_TYPE | bad argument #1 to 'read' (number expected, got string)"},
    {"read on bad self (method call)", function()
       local fake = setmetatable({}, {__index = {read = R().read}})
       fake:read()
     end,
     "ERR_INVALID_ARG_TYPE | calling 'read' on bad self (cstream.Readable expected, got table)"},
    {"write on a Readable (method call)", function()
       local r = R()
       r.write = W().write
       r:write("x")
     end,
     "ERR_INVALID_ARG_TYPE | calling 'write' on bad self (cstream.Writable expected, got cstream.Readable)"},
  }
  for _, c in ipairs(cases) do
    it(c[1], function() assert.are.equal(c[3], raised(c[2])) end)
  end
end)

-- Found by fuzz/api.lua (every exported function and method called with
-- foreign values as self and as arguments): each raised Lua's own "attempt
-- to index/call ..." from inside cstream, naming nothing the caller passed.
-- Node has no code for a method applied to a foreign `this` (a TypeError):
-- cstream's binding uses ERR_INVALID_ARG_TYPE for a bad self, so these do.
describe("bad self and arguments of the Lua-side methods", function()
  local uv = require("luv")
  local E = cs.EventEmitter
  local function R() return cs.Readable.new{read = function() end} end
  local function W() return cs.Writable.new{write = function(_, _, _, cb) cb() end} end
  local function fn() end

  local cases = {
    {"emit on a number", function() E.emit(5, "x") end,
     "ERR_INVALID_ARG_TYPE | bad argument #1 to 'emit' (EventEmitter expected, got number)"},
    {"emit on a light userdata", function()
       local up = 0
       E.emit(debug.upvalueid(function() return up end, 1), "x")
     end,
     "ERR_INVALID_ARG_TYPE | bad argument #1 to 'emit' (EventEmitter expected, got userdata)"},
    {"await.once of a light userdata", function()
       local up = 0
       cs.await.once(debug.upvalueid(function() return up end, 1), "x")
     end,
     "ERR_INVALID_ARG_TYPE | bad argument #1 to 'once' (emitter expected, got userdata)"},
    {"listeners on a luv timer", function()
       local t = uv.new_timer()
       local ok, e = pcall(E.listeners, t, "x")
       t:close()
       if not ok then error(e, 0) end
     end,
     "ERR_INVALID_ARG_TYPE | bad argument #1 to 'listeners' (EventEmitter expected, got uv_timer)"},
    {"removeAllListeners on a file", function() E.removeAllListeners(io.stdout) end,
     -- Lua's own word for a file: LuaJIT's has no __name
     "ERR_INVALID_ARG_TYPE | bad argument #1 to 'removeAllListeners' (EventEmitter expected, got " ..
       (jit and "userdata" or "FILE*") .. ")"},
    {"once on a table without on", function() E.once({}, "x", fn) end,
     "ERR_INVALID_ARG_TYPE | bad argument #1 to 'once' (EventEmitter expected, got table)"},
    {"eventNames on a table whose _events is no table", function()
       E.eventNames({_events = 1})
     end,
     "ERR_INVALID_ARG_TYPE | bad argument #1 to 'eventNames' (EventEmitter expected, got table)"},
    {"Readable's on on a Writable (method call)", function()
       local w = W()
       w.ron = cs.Readable.on
       w:ron("data", fn)
     end,
     "ERR_INVALID_ARG_TYPE | calling 'on' on bad self (cstream.Readable expected, got cstream.Writable)"},
    {"Readable's removeAllListeners on a table", function() cs.Readable.removeAllListeners({}) end,
     "ERR_INVALID_ARG_TYPE | bad argument #1 to 'removeAllListeners' (cstream.Readable expected, got table)"},
    {"__tostring of a number", function() cs.Readable.__tostring(5) end,
     "ERR_INVALID_ARG_TYPE | bad argument #1 to '__tostring' (cstream stream expected, got number)"},
    {"wrap of a number", function() R():wrap(5) end,
     "ERR_INVALID_ARG_TYPE | bad argument #1 to 'wrap' (stream expected, got number)"},
    {"Writable's pipe on a table", function() cs.Writable.pipe({}) end,
     "ERR_INVALID_ARG_TYPE | bad argument #1 to 'pipe' (cstream.Writable expected, got table)"},
    {"errorOrDestroy of a number", function() cs.errorOrDestroy(5) end,
     "ERR_INVALID_ARG_TYPE | bad argument #1 to 'errorOrDestroy' (cstream stream expected, got number)"},
    {"AbortController's abort on a table", function() cs.AbortController.abort({}) end,
     "ERR_INVALID_ARG_TYPE | bad argument #1 to 'abort' (AbortController expected, got table)"},
    {"throwIfAborted on nil", function() cs.AbortSignal.throwIfAborted() end,
     "ERR_INVALID_ARG_TYPE | bad argument #1 to 'throwIfAborted' (AbortSignal expected, got nil)"},
    {"iter of a Writable", function() cs.Readable.iter(W()) end,
     "ERR_INVALID_ARG_TYPE | bad argument #1 to 'iter' (Readable expected, got cstream.Writable)"},
    {"collect of a Writable", function() cs.Readable.collect(W(), fn) end,
     "ERR_INVALID_ARG_TYPE | bad argument #1 to 'collect' (Readable expected, got cstream.Writable)"},
    {"writeAsync on a Readable", function() cs.Writable.writeAsync(R(), "x") end,
     "ERR_INVALID_ARG_TYPE | bad argument #1 to 'writeAsync' (Writable expected, got cstream.Readable)"},
    {"await.toArray of a Writable", function() cs.await.toArray(W()) end,
     "ERR_INVALID_ARG_TYPE | bad argument #1 to 'toArray' (Readable expected, got cstream.Writable)"},
    {"fs.ReadStream.new without its fields", function() cs.fs.ReadStream.new() end,
     "ERR_INVALID_ARG_TYPE | bad argument #3 to 'new' (table of fs fields (use createReadStream / createWriteStream) expected, got nil)"},
    {"fs.WriteStream's close on a Readable", function() cs.fs.WriteStream.close(R()) end,
     "ERR_INVALID_ARG_TYPE | bad argument #1 to 'close' (cstream.WriteStream expected, got cstream.Readable)"},
    {"events.listenerCount of a number", function() require("cstream.events").listenerCount(5, "x") end,
     "ERR_INVALID_ARG_TYPE | bad argument #1 to 'listenerCount' (EventEmitter expected, got number)"},
    {"ChildProcess's kill on nil", function() require("cstream.process").ChildProcess.kill() end,
     "ERR_INVALID_ARG_TYPE | bad argument #1 to 'kill' (cstream.ChildProcess expected, got nil)"},
    {"an error's __tostring of nil", function() cs.errors.Error.__tostring() end,
     "ERR_INVALID_ARG_TYPE | bad argument #1 to '__tostring' (cstream error expected, got nil)"},
    {"spawn with a number as args", function() cs.spawn("true", 5) end,
     "ERR_INVALID_ARG_TYPE | bad argument #2 to 'spawn' (table expected, got number)"},
    {"spawn with a string as options", function() cs.spawn("true", {}, "x") end,
     "ERR_INVALID_ARG_TYPE | bad argument #3 to 'spawn' (table expected, got string)"},
  }
  for _, c in ipairs(cases) do
    it(c[1], function() assert.are.equal(c[3], raised(c[2])) end)
  end

  -- Node reads pipeOpts?.end: options that are no object are no options
  it("pipe with a number as options pipes and ends", function()
    local got = {}
    local w = cs.Writable.new{write = function(_, c, _, cb) got[#got + 1] = c; cb() end}
    local finished = false
    w:on("finish", function() finished = true end)
    local r = R()
    r:pipe(w, 5)
    r:push("a")
    r:push(nil)
    require("spec.helper").settle()
    assert.are.same({"a"}, got)
    assert.is_true(finished)
  end)
end)
