-- Node-exact, round 2 (issue 11): each case translates a JS twin kept in
-- test/twins/exact/ and asserts the whole log node v20 prints for it.

local uv = require("luv")
local helper = require("spec.helper")
local stream = require("cstream")
local Readable, Writable, Duplex = stream.Readable, stream.Writable, stream.Duplex

-- ---- destroy during _construct -------------------------------------------------------

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
    assert.are.same({
      'both _destroy AggregateError E2 "two" [E2,E1]',
      'both destroy-cb AggregateError E2 "two" [E2,E1]',
      'both error AggregateError E2 "two" [E2,E1]',
      'both close errored - E2 "two" -',
      'same _destroy - ES "same" -',
      'same destroy-cb - ES "same" -',
      'same error - ES "same" -',
      'same close errored - ES "same" -',
      'destroy-only _destroy - E2 "two" -',
      'destroy-only destroy-cb - E2 "two" -',
      'destroy-only error - E2 "two" -',
      'destroy-only close errored - E2 "two" -',
      'construct-only _destroy - E1 "one" -',
      'construct-only destroy-cb - E1 "one" -',
      'construct-only error - E1 "one" -',
      'construct-only close errored - E1 "one" -',
      'strings _destroy AggregateError - "" [two,one]',
      'strings destroy-cb AggregateError - "" [two,one]',
      'strings error AggregateError - "" [two,one]',
      'strings close errored value two',
      'no-code _destroy AggregateError - "two" [two,one]',
      'no-code destroy-cb AggregateError - "two" [two,one]',
      'no-code error AggregateError - "two" [two,one]',
      'no-code close errored - - "two" -',
      'outer-has-errors _destroy - EAGG "outer" [E0,E1]',
      'outer-has-errors destroy-cb - EAGG "outer" [E0,E1]',
      'outer-has-errors error - EAGG "outer" [E0,E1]',
      'outer-has-errors close errored - EAGG "outer" [E0,E1]',
    }, log)
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

-- ---- write() argument checks -------------------------------------------------------------

describe("node-exact: the order of write()'s argument checks (Node's _write)", function()
  -- test/twins/exact/write_arg_order.js
  it("null, then the encoding (byte mode), then the chunk type, then ending, then destroyed",
  function()
    local log = {}
    local function mk(o)
      o.write = function(_, c, e, cb)
        helper.put(log, "  _write " .. tostring(c) .. " " .. (e == nil and "undefined" or e))
        cb()
      end
      local w = Writable.new(o)
      w:on("error", function(e) helper.put(log, "  error " .. e.code) end)
      return w
    end
    local function T(tag, f)
      local ok, r = pcall(f)
      if ok then
        helper.put(log, tag .. " -> " .. (stream.isStream(r) and "stream" or tostring(r)))
      else
        helper.put(log, tag .. " throws " .. tostring(type(r) == "table" and r.code or r))
      end
    end
    local cases = {
      { 'write(true, "bogus")', {}, function(w) return w:write(true, "bogus") end },
      { 'write(null, "bogus")', {}, function(w) return w:write(nil, "bogus") end },
      { 'object write(null, "bogus")', { objectMode = true },
        function(w) return w:write(nil, "bogus") end },
      { 'object write(1, "utf8")', { objectMode = true }, function(w) return w:write(1, "utf8") end },
      { 'object write(1, "latin1")', { objectMode = true },
        function(w) return w:write(1, "latin1") end },
      { "object write(1)", { objectMode = true }, function(w) return w:write(1) end },
      { 'ended write("a", "bogus")', {}, function(w) w:finish(); return w:write("a", "bogus") end },
      { "ended write(true)", {}, function(w) w:finish(); return w:write(true) end },
      { "ended write(null)", {}, function(w) w:finish(); return w:write(nil) end },
      { "destroyed write(true)", {}, function(w) w:destroy(); return w:write(true) end },
      { 'destroyed write("a", "bogus")', {},
        function(w) w:destroy(); return w:write("a", "bogus") end },
      { 'destroyed write("a")', {}, function(w) w:destroy(); return w:write("a") end },
      { 'ended+destroyed write("a")', {},
        function(w) w:finish(); w:destroy(); return w:write("a") end },
      { 'write("a", "UTF8")', {}, function(w) return w:write("a", "UTF8") end },
      { 'hex default write("616263", "")', { defaultEncoding = "hex" },
        function(w) return w:write("616263", "") end },
      { 'end(true, "bogus")', {}, function(w) return w:finish(true, "bogus") end },
      { "end(true)", {}, function(w) return w:finish(true) end },
      { 'end("a", "bogus")', {}, function(w) return w:finish("a", "bogus") end },
      { "ended end(true)", {}, function(w) w:finish(); return w:finish(true) end },
      { 'ended end("a")', {}, function(w) w:finish(); return w:finish("a") end },
    }
    local i = 0
    local function nxt()
      i = i + 1
      local c = cases[i]
      if not c then return end
      local w = mk(c[2])
      T(c[1], function() return c[3](w) end)
      helper.setTimeout(nxt, 2)
    end
    nxt()
    helper.settle()
    assert.are.same({
      'write(true, "bogus") throws ERR_UNKNOWN_ENCODING',
      'write(null, "bogus") throws ERR_STREAM_NULL_VALUES',
      'object write(null, "bogus") throws ERR_STREAM_NULL_VALUES',
      "  _write 1 utf8",
      'object write(1, "utf8") -> true',
      "  _write 1 latin1",
      'object write(1, "latin1") -> true',
      "  _write 1 undefined",
      "object write(1) -> true",
      'ended write("a", "bogus") throws ERR_UNKNOWN_ENCODING',
      "ended write(true) throws ERR_INVALID_ARG_TYPE",
      "ended write(null) throws ERR_STREAM_NULL_VALUES",
      "destroyed write(true) throws ERR_INVALID_ARG_TYPE",
      'destroyed write("a", "bogus") throws ERR_UNKNOWN_ENCODING',
      'destroyed write("a") -> false',
      'ended+destroyed write("a") -> false',
      "  _write a buffer",
      'write("a", "UTF8") -> true',
      "  _write abc buffer",
      'hex default write("616263", "") -> true',
      'end(true, "bogus") throws ERR_UNKNOWN_ENCODING',
      "end(true) throws ERR_INVALID_ARG_TYPE",
      'end("a", "bogus") throws ERR_UNKNOWN_ENCODING',
      "ended end(true) throws ERR_INVALID_ARG_TYPE",
      'ended end("a") -> stream',
      "  error ERR_STREAM_WRITE_AFTER_END",
    }, log)
  end)

  it("declared: write(s, 'buffer') writes s as bytes (node throws for a string)", function()
    -- A Lua string is also Node's Buffer, and write(buffer, 'buffer') is valid
    -- in Node; pipe() relies on it (docs/API.md, Differences from Node 20).
    local got = {}
    local w = Writable.new({ defaultEncoding = "hex", write = function(_, c, e, cb)
      helper.put(got, c, e)
      cb()
    end })
    assert.is_true(w:write("ab", "buffer"))
    w:finish()
    helper.settle()
    assert.are.same({ "ab", "buffer" }, got)
  end)
end)

-- ---- highWaterMark options -------------------------------------------------------------

describe("node-exact: highWaterMark options (Node's getHighWaterMark)", function()
  -- test/twins/exact/highwatermark_options.js; node v20 prints these lines.
  local NODE = [[
Readable highWaterMark "16" ERR_INVALID_ARG_VALUE The property 'options.highWaterMark' is invalid. Received '16'
Writable highWaterMark "16" ERR_INVALID_ARG_VALUE The property 'options.highWaterMark' is invalid. Received '16'
Duplex highWaterMark "16" ERR_INVALID_ARG_VALUE The property 'options.readableHighWaterMark' is invalid. Received '16'
Duplex readableHighWaterMark "16" ERR_INVALID_ARG_VALUE The property 'options.readableHighWaterMark' is invalid. Received '16'
Duplex writableHighWaterMark "16" ERR_INVALID_ARG_VALUE The property 'options.writableHighWaterMark' is invalid. Received '16'
Transform writableHighWaterMark "16" ERR_INVALID_ARG_VALUE The property 'options.writableHighWaterMark' is invalid. Received '16'
Readable readableHighWaterMark "16" ok 16384 nil
Writable writableHighWaterMark "16" ok nil 16384
Readable highWaterMark "abc" ERR_INVALID_ARG_VALUE The property 'options.highWaterMark' is invalid. Received 'abc'
Writable highWaterMark "abc" ERR_INVALID_ARG_VALUE The property 'options.highWaterMark' is invalid. Received 'abc'
Duplex highWaterMark "abc" ERR_INVALID_ARG_VALUE The property 'options.readableHighWaterMark' is invalid. Received 'abc'
Duplex readableHighWaterMark "abc" ERR_INVALID_ARG_VALUE The property 'options.readableHighWaterMark' is invalid. Received 'abc'
Duplex writableHighWaterMark "abc" ERR_INVALID_ARG_VALUE The property 'options.writableHighWaterMark' is invalid. Received 'abc'
Transform writableHighWaterMark "abc" ERR_INVALID_ARG_VALUE The property 'options.writableHighWaterMark' is invalid. Received 'abc'
Readable readableHighWaterMark "abc" ok 16384 nil
Writable writableHighWaterMark "abc" ok nil 16384
Readable highWaterMark true ERR_INVALID_ARG_VALUE The property 'options.highWaterMark' is invalid. Received true
Writable highWaterMark true ERR_INVALID_ARG_VALUE The property 'options.highWaterMark' is invalid. Received true
Duplex highWaterMark true ERR_INVALID_ARG_VALUE The property 'options.readableHighWaterMark' is invalid. Received true
Duplex readableHighWaterMark true ERR_INVALID_ARG_VALUE The property 'options.readableHighWaterMark' is invalid. Received true
Duplex writableHighWaterMark true ERR_INVALID_ARG_VALUE The property 'options.writableHighWaterMark' is invalid. Received true
Transform writableHighWaterMark true ERR_INVALID_ARG_VALUE The property 'options.writableHighWaterMark' is invalid. Received true
Readable readableHighWaterMark true ok 16384 nil
Writable writableHighWaterMark true ok nil 16384
Readable highWaterMark -1 ERR_INVALID_ARG_VALUE The property 'options.highWaterMark' is invalid. Received -1
Writable highWaterMark -1 ERR_INVALID_ARG_VALUE The property 'options.highWaterMark' is invalid. Received -1
Duplex highWaterMark -1 ERR_INVALID_ARG_VALUE The property 'options.readableHighWaterMark' is invalid. Received -1
Duplex readableHighWaterMark -1 ERR_INVALID_ARG_VALUE The property 'options.readableHighWaterMark' is invalid. Received -1
Duplex writableHighWaterMark -1 ERR_INVALID_ARG_VALUE The property 'options.writableHighWaterMark' is invalid. Received -1
Transform writableHighWaterMark -1 ERR_INVALID_ARG_VALUE The property 'options.writableHighWaterMark' is invalid. Received -1
Readable readableHighWaterMark -1 ok 16384 nil
Writable writableHighWaterMark -1 ok nil 16384
Readable highWaterMark NaN ERR_INVALID_ARG_VALUE The property 'options.highWaterMark' is invalid. Received NaN
Writable highWaterMark NaN ERR_INVALID_ARG_VALUE The property 'options.highWaterMark' is invalid. Received NaN
Duplex highWaterMark NaN ERR_INVALID_ARG_VALUE The property 'options.readableHighWaterMark' is invalid. Received NaN
Duplex readableHighWaterMark NaN ERR_INVALID_ARG_VALUE The property 'options.readableHighWaterMark' is invalid. Received NaN
Duplex writableHighWaterMark NaN ERR_INVALID_ARG_VALUE The property 'options.writableHighWaterMark' is invalid. Received NaN
Transform writableHighWaterMark NaN ERR_INVALID_ARG_VALUE The property 'options.writableHighWaterMark' is invalid. Received NaN
Readable readableHighWaterMark NaN ok 16384 nil
Writable writableHighWaterMark NaN ok nil 16384
Readable highWaterMark Infinity ERR_INVALID_ARG_VALUE The property 'options.highWaterMark' is invalid. Received Infinity
Writable highWaterMark Infinity ERR_INVALID_ARG_VALUE The property 'options.highWaterMark' is invalid. Received Infinity
Duplex highWaterMark Infinity ERR_INVALID_ARG_VALUE The property 'options.readableHighWaterMark' is invalid. Received Infinity
Duplex readableHighWaterMark Infinity ERR_INVALID_ARG_VALUE The property 'options.readableHighWaterMark' is invalid. Received Infinity
Duplex writableHighWaterMark Infinity ERR_INVALID_ARG_VALUE The property 'options.writableHighWaterMark' is invalid. Received Infinity
Transform writableHighWaterMark Infinity ERR_INVALID_ARG_VALUE The property 'options.writableHighWaterMark' is invalid. Received Infinity
Readable readableHighWaterMark Infinity ok 16384 nil
Writable writableHighWaterMark Infinity ok nil 16384
Readable highWaterMark 1.5 ERR_INVALID_ARG_VALUE The property 'options.highWaterMark' is invalid. Received 1.5
Writable highWaterMark 1.5 ERR_INVALID_ARG_VALUE The property 'options.highWaterMark' is invalid. Received 1.5
Duplex highWaterMark 1.5 ERR_INVALID_ARG_VALUE The property 'options.readableHighWaterMark' is invalid. Received 1.5
Duplex readableHighWaterMark 1.5 ERR_INVALID_ARG_VALUE The property 'options.readableHighWaterMark' is invalid. Received 1.5
Duplex writableHighWaterMark 1.5 ERR_INVALID_ARG_VALUE The property 'options.writableHighWaterMark' is invalid. Received 1.5
Transform writableHighWaterMark 1.5 ERR_INVALID_ARG_VALUE The property 'options.writableHighWaterMark' is invalid. Received 1.5
Readable readableHighWaterMark 1.5 ok 16384 nil
Writable writableHighWaterMark 1.5 ok nil 16384
Readable highWaterMark 0 ok 0 nil
Writable highWaterMark 0 ok nil 0
Duplex highWaterMark 0 ok 0 0
Duplex readableHighWaterMark 0 ok 0 16384
Duplex writableHighWaterMark 0 ok 16384 0
Transform writableHighWaterMark 0 ok 16384 0
Readable readableHighWaterMark 0 ok 16384 nil
Writable writableHighWaterMark 0 ok nil 16384
Readable highWaterMark 16 ok 16 nil
Writable highWaterMark 16 ok nil 16
Duplex highWaterMark 16 ok 16 16
Duplex readableHighWaterMark 16 ok 16 16384
Duplex writableHighWaterMark 16 ok 16384 16
Transform writableHighWaterMark 16 ok 16384 16
Readable readableHighWaterMark 16 ok 16384 nil
Writable writableHighWaterMark 16 ok nil 16384
Readable highWaterMark 2^31 ok 2147483648 nil
Writable highWaterMark 2^31 ok nil 2147483648
Duplex highWaterMark 2^31 ok 2147483648 2147483648
Duplex readableHighWaterMark 2^31 ok 2147483648 16384
Duplex writableHighWaterMark 2^31 ok 16384 2147483648
Transform writableHighWaterMark 2^31 ok 16384 2147483648
Readable readableHighWaterMark 2^31 ok 16384 nil
Writable writableHighWaterMark 2^31 ok nil 16384
Duplex highWaterMark=5,readableHighWaterMark=x ok 5 5
Duplex readableHighWaterMark=-1,writableHighWaterMark=x ERR_INVALID_ARG_VALUE The property 'options.readableHighWaterMark' is invalid. Received -1
Duplex readableHighWaterMark=1,writableHighWaterMark=x ERR_INVALID_ARG_VALUE The property 'options.writableHighWaterMark' is invalid. Received 'x'
Transform highWaterMark=0,writableHighWaterMark=5 ok 0 5
Transform readableHighWaterMark=0,writableHighWaterMark=NaN ok 0 0
Transform readableHighWaterMark=0,writableHighWaterMark=-1 ERR_INVALID_ARG_VALUE The property 'options.writableHighWaterMark' is invalid. Received -1
Duplex readableHighWaterMark=0,writableHighWaterMark=NaN ERR_INVALID_ARG_VALUE The property 'options.writableHighWaterMark' is invalid. Received NaN
]]

  it("raises ERR_INVALID_ARG_VALUE naming the key and the value as node does", function()
    local vals = { { '"16"', "16" }, { '"abc"', "abc" }, { "true", true }, { "-1", -1 },
      { "NaN", 0 / 0 }, { "Infinity", math.huge }, { "1.5", 1.5 }, { "0", 0 }, { "16", 16 },
      { "2^31", 2 ^ 31 } }
    local combos = { { "Readable", "highWaterMark" }, { "Writable", "highWaterMark" },
      { "Duplex", "highWaterMark" }, { "Duplex", "readableHighWaterMark" },
      { "Duplex", "writableHighWaterMark" }, { "Transform", "writableHighWaterMark" },
      { "Readable", "readableHighWaterMark" }, { "Writable", "writableHighWaterMark" } }
    local lines = {}
    local function V(x) return x == nil and "nil" or tostring(x) end
    local function try(cls, label, opts)
      local ok, s = pcall(stream[cls].new, opts)
      if ok then
        lines[#lines + 1] = table.concat({ cls, label, "ok", V(s.readableHighWaterMark),
          V(s.writableHighWaterMark) }, " ")
        s:destroy()
      else
        lines[#lines + 1] = table.concat({ cls, label, s.code, s.message }, " ")
      end
    end
    for _, kv in ipairs(vals) do
      for _, ck in ipairs(combos) do
        try(ck[1], ck[2] .. " " .. kv[1], { [ck[2]] = kv[2] })
      end
    end
    try("Duplex", "highWaterMark=5,readableHighWaterMark=x",
      { highWaterMark = 5, readableHighWaterMark = "x" })
    try("Duplex", "readableHighWaterMark=-1,writableHighWaterMark=x",
      { readableHighWaterMark = -1, writableHighWaterMark = "x" })
    try("Duplex", "readableHighWaterMark=1,writableHighWaterMark=x",
      { readableHighWaterMark = 1, writableHighWaterMark = "x" })
    try("Transform", "highWaterMark=0,writableHighWaterMark=5",
      { highWaterMark = 0, writableHighWaterMark = 5 })
    try("Transform", "readableHighWaterMark=0,writableHighWaterMark=NaN",
      { readableHighWaterMark = 0, writableHighWaterMark = 0 / 0 })
    try("Transform", "readableHighWaterMark=0,writableHighWaterMark=-1",
      { readableHighWaterMark = 0, writableHighWaterMark = -1 })
    try("Duplex", "readableHighWaterMark=0,writableHighWaterMark=NaN",
      { readableHighWaterMark = 0, writableHighWaterMark = 0 / 0 })
    local want = {}
    for l in NODE:gmatch("[^\n]+") do want[#want + 1] = l end
    assert.are.same(want, lines)
    helper.settle()
  end)

  it("a Writable ignores the encoding option (node never reads it)", function()
    local w = Writable.new({ encoding = "bogus", write = helper.write_ok })
    assert.is_true(stream.isStream(w))
    w:destroy()
    helper.settle()
  end)
end)

-- ---- SIGPIPE ------------------------------------------------------------------------------

describe("node-exact: SIGPIPE never kills the process (EPIPE on the stream)", function()
  -- Each case runs in a child lua5.4 (busted itself has the handler by now);
  -- the twins are test/twins/exact/sigpipe_*.js.
  local ENV = "LUA_PATH='lua/?.lua;lua/?/init.lua;;' LUA_CPATH='./?.so;;' "
  local big, tmp

  setup(function()
    big = os.tmpname()
    local f = assert(io.open(big, "wb"))
    local line = ("0123456789abcdef"):rep(4) .. "\n"
    f:write(line:rep(8192)) -- 520 KiB: more than any pipe holds
    f:close()
  end)

  teardown(function()
    os.remove(big)
  end)

  before_each(function() tmp = {} end)
  after_each(function()
    for _, p in ipairs(tmp) do os.remove(p) end
  end)

  local function script(src)
    local path = os.tmpname()
    tmp[#tmp + 1] = path
    local f = assert(io.open(path, "w"))
    f:write(src)
    f:close()
    return path
  end

  local function sh(cmd)
    local p = io.popen(cmd)
    local out = p:read("a")
    p:close()
    return out
  end

  it("examples/cat.lua < file | head -1: EPIPE on stdout, exit 1, not 141", function()
    -- node: `cat: EPIPE write` then rc=1 (sigpipe_cat.js)
    local out = sh("{ (" .. ENV .. "lua5.4 examples/cat.lua < " .. big ..
      "; echo \"rc=$?\" >&2) | head -1 >/dev/null; } 2>&1")
    assert.are.equal("cat: Error [EPIPE]: write EPIPE\nrc=1\n", out)
  end)

  local PIPELINE = [[
    local uv = require("luv")
    local stream = require("cstream")
    stream.pipeline(stream.stdin(), stream.stdout(), function(err)
      io.stderr:write("pipeline-cb " ..
        (err and (tostring(err.code) .. " " .. tostring(err.syscall)) or "null") .. "\n")
    end)
    uv.run()
  ]]

  it("pipeline(stdin, stdout, cb) from a file into a closed pipe: cb gets EPIPE", function()
    -- node: pipeline-cb EPIPE write, rc=0 (sigpipe_pipeline.js)
    local path = script(PIPELINE)
    local out = sh("{ (" .. ENV .. "lua5.4 " .. path .. " < " .. big ..
      "; echo \"rc=$?\" >&2) | head -1 >/dev/null; } 2>&1")
    assert.are.equal("pipeline-cb EPIPE write\nrc=0\n", out)
  end)

  it("pipeline(stdin, stdout, cb) from a pipe into a closed pipe: cb gets EPIPE", function()
    local path = script(PIPELINE)
    local out = sh("{ cat " .. big .. " | (" .. ENV .. "lua5.4 " .. path ..
      "; echo \"rc=$?\" >&2) | head -1 >/dev/null; } 2>&1")
    assert.are.equal("pipeline-cb EPIPE write\nrc=0\n", out)
  end)

  it("stdout with no 'error' listener: an uncaught EPIPE, a failure exit, not SIGPIPE", function()
    -- node: exits 1 with "Error: write EPIPE" (sigpipe_stdout_uncaught.js)
    local path = script([[
      local uv = require("luv")
      local stream = require("cstream")
      local out = stream.stdout()
      local n = 0
      local idle = uv.new_idle()
      idle:start(stream._wrapcb(function()
        n = n + 1
        out:write(("x"):rep(1000) .. "\n")
        if n >= 2000 then idle:stop(); idle:close() end
      end))
      uv.run()
    ]])
    local out = sh("{ (" .. ENV .. "lua5.4 " .. path .. " 2>/tmp/cstream_sigpipe_err.$$; " ..
      "echo \"rc=$?\" >&2; grep -c 'EPIPE' /tmp/cstream_sigpipe_err.$$ >&2; " ..
      "rm -f /tmp/cstream_sigpipe_err.$$) | head -1 >/dev/null; } 2>&1")
    -- Uncaught errors exit with Node's status 1 (loop.lua reports them).
    assert.are.equal("rc=1\n1\n", out)
  end)

  it("an fs write stream into a FIFO whose reader left: 'error' EPIPE", function()
    -- node: open, error EPIPE write, close (sigpipe_fifo.js)
    local fifo = os.tmpname()
    os.remove(fifo)
    tmp[#tmp + 1] = fifo
    assert.is_true(os.execute("mkfifo " .. fifo))
    local path = script([[
      local uv = require("luv")
      local stream = require("cstream")
      local w = stream.fs.createWriteStream(arg[1])
      local log = {}
      w:on("open", function() log[#log + 1] = "open" end)
      w:on("error", function(e) log[#log + 1] = "error " .. tostring(e.code) .. " " .. tostring(e.syscall) end)
      w:on("close", function() log[#log + 1] = "close" end)
      local chunk = ("y"):rep(65536)
      local function pump()
        while w:write(chunk) do end
        if not w.destroyed then w:once("drain", pump) end
      end
      pump()
      uv.run()
      io.write(table.concat(log, "\n"), "\n")
    ]])
    local out = sh("(head -c 1 " .. fifo .. " >/dev/null &); " .. ENV .. "lua5.4 " .. path ..
      " " .. fifo .. "; echo \"rc=$?\"")
    assert.are.equal("open\nerror EPIPE write\nclose\nrc=0\n", out)
  end)

  it("a child's stdin the child closed: EPIPE on child.stdin", function()
    -- node: write-cb EPIPE, stdin error EPIPE write, stdin close, exit 0
    -- (sigpipe_spawn_stdin.js)
    local path = script([[
      local uv = require("luv")
      local stream = require("cstream")
      local log = {}
      local c = stream.spawn("sh", { "-c", "exec 0<&-; sleep 0.3" })
      c.stdin:on("error", function(e) log[#log + 1] = "stdin error " .. tostring(e.code) .. " " .. tostring(e.syscall) end)
      c.stdin:on("close", function() log[#log + 1] = "stdin close" end)
      local t = uv.new_timer()
      t:start(100, 0, stream._wrapcb(function()
        t:close()
        c.stdin:write(("x"):rep(100000), function(e) log[#log + 1] = "write-cb " .. tostring(e and e.code) end)
      end))
      c:on("exit", function(code) log[#log + 1] = "exit " .. tostring(code) end)
      uv.run()
      io.write(table.concat(log, "\n"), "\n")
    ]])
    local out = sh(ENV .. "lua5.4 " .. path .. "; echo \"rc=$?\"")
    assert.are.equal("write-cb EPIPE\nstdin error EPIPE write\nstdin close\nexit 0\nrc=0\n", out)
  end)

  it("one owner: no luv signal handle, and exec'd children keep the default SIGPIPE", function()
    -- A handler (not SIG_IGN) reverts to the default across exec: programs a
    -- cstream program runs (io.popen, os.execute, spawn) keep the default.
    local path = script([[
      local uv = require("luv")
      local stream = require("cstream")
      local w = stream.stdout()
      local fds = assert(uv.socketpair())
      local a = uv.new_pipe(false)
      assert(a:open(fds[1]))
      local s = stream.fromHandle(a, { manualStart = true })
      local n = 0
      uv.walk(function(h) if uv.handle_get_type(h) == "signal" then n = n + 1 end end)
      -- SIGPIPE (13) in the SigIgn mask of an exec'd child: SIG_IGN would be inherited
      local p = io.popen("grep '^SigIgn:' /proc/self/status")
      local mask = tonumber(p:read("a"):match("SigIgn:%s*(%x+)"), 16)
      p:close()
      io.stderr:write("signal handles ", n, " child ignores SIGPIPE ", tostring(mask >> 12 & 1 == 1), "\n")
      w:destroy()
      s:destroy()
      uv.fs_close(fds[2])
      uv.run()
    ]])
    local out = sh(ENV .. "lua5.4 " .. path .. " 2>&1; echo \"rc=$?\"")
    assert.are.equal("signal handles 0 child ignores SIGPIPE false\nrc=0\n", out)
  end)
end)

describe("node-exact: the module loads without starting anything", function()
  it("leaves no handle open", function()
    assert.are.same({}, select(2, helper.open_handles()))
    assert.is_true(stream._ignoreSigpipe())
    uv.run("nowait")
  end)
end)
