-- What docs/API.md (Real I/O) tells users about tees, allowHalfOpen and
-- stdout, held to Node's behaviour.
local uv = require("luv")
local stream = require("cstream")
local helper = require("spec.helper")

describe("docs: tees", function()
  -- test/twins/docs/tee.js
  local function tee(mode, wait)
    local n, got, log = 0, 0, {}
    local src = stream.Readable.new({ highWaterMark = 4, read = function(self)
      n = n + 1
      self:push(n <= 10 and "xxxx" or nil)
    end })
    local good = stream.Writable.new({ highWaterMark = 4, write = function(_, _, _, cb)
      got = got + 1
      helper.setImmediate(cb)
    end })
    local bad = stream.Writable.new({ highWaterMark = 4, write = function(_, _, _, cb)
      cb(helper.E("boom"))
    end })
    bad:on("error", function(e)
      log[#log + 1] = "bad error " .. e.message
      if mode == "resume" then
        stream.nextTick(function() src:unpipe(bad); src:resume() end)
      end
    end)
    good:on("finish", function() log[#log + 1] = "good finish" end)
    src:pipe(good); src:pipe(bad)
    helper.setTimeout(function()
      log[#log + 1] = ("%s: good got %d, finished %s, source ended %s")
        :format(mode, got, tostring(good.writableFinished), tostring(src.readableEnded))
    end, wait)
    helper.run()
    return log
  end

  it("one failing sink stalls the other, as in Node", function()
    assert.are.same({
      "bad error boom",
      "stall: good got 1, finished false, source ended false",
    }, tee("stall", 100))
  end)

  it("unpiping the failed sink and resuming the source lets the other finish", function()
    assert.are.same({
      "bad error boom",
      "good finish",
      "resume: good got 10, finished true, source ended true",
    }, tee("resume", 200))
  end)
end)

describe("docs: fromHandle's allowHalfOpen", function()
  -- test/twins/docs/half-open.js
  local function listen(onconn)
    local server = uv.new_tcp()
    assert(server:bind("127.0.0.1", 0))
    assert(server:listen(8, helper.guard(function()
      local h = uv.new_tcp()
      server:accept(h)
      onconn(h)
    end)))
    return server, server:getsockname().port
  end

  local function lateWriter(half)
    local line
    local server, port
    server, port = listen(function(h)
      local s = stream.fromHandle(h, { allowHalfOpen = true })
      s:resume()
      s:finish("answer")
    end)
    local t = uv.new_tcp()
    t:connect("127.0.0.1", port, helper.guard(function(err)
      assert.is_nil(err)
      local c = stream.fromHandle(t, { allowHalfOpen = half })
      local got, n = "", 0
      local src = stream.Readable.new({ read = function(self)
        helper.setTimeout(function()
          n = n + 1
          self:push(n <= 5 and "hello" or nil)
        end, 50)
      end })
      stream.pipeline(src, c, stream.Writable.new({ write = function(_, d, _, cb)
        got = got .. d
        cb()
      end }), function(e)
        line = ("late writer, allowHalfOpen %s: %s %q"):format(tostring(half), e and e.code or "ok", got)
        server:close()
      end)
    end))
    helper.run(5000)
    return line
  end

  local function lateAnswer(half)
    local line
    local server, port
    server, port = listen(function(h)
      local s = stream.fromHandle(h, { allowHalfOpen = half })
      s:resume()
      helper.setTimeout(function() s:finish("answer") end, 50)
    end)
    local t = uv.new_tcp()
    t:connect("127.0.0.1", port, helper.guard(function(err)
      assert.is_nil(err)
      local c = stream.fromHandle(t)
      c:finish("hello")
      local got = ""
      c:on("data", function(d) got = got .. d end)
      c:on("close", function()
        line = ("late answer, allowHalfOpen %s: %q"):format(tostring(half), got)
        server:close()
      end)
    end))
    helper.run(5000)
    return line
  end

  it("a late writer's pipeline gets Premature close unless allowHalfOpen", function()
    assert.are.equal('late writer, allowHalfOpen false: ERR_STREAM_PREMATURE_CLOSE "answer"',
                     lateWriter(false))
    assert.are.equal('late writer, allowHalfOpen true: ok "answer"', lateWriter(true))
  end)

  it("an answer after the peer's end is lost unless allowHalfOpen", function()
    assert.are.equal('late answer, allowHalfOpen false: ""', lateAnswer(false))
    assert.are.equal('late answer, allowHalfOpen true: "answer"', lateAnswer(true))
  end)

  it("an unconnected handle wrapped with manualStart reads once connected", function()
    local server, port = listen(function(h)
      local s = stream.fromHandle(h, { allowHalfOpen = true })
      s:resume()
      s:on("end", function() s:finish("answer") end)
    end)
    local t = uv.new_tcp()
    local c = stream.fromHandle(t, { manualStart = true })
    local result
    t:connect("127.0.0.1", port, helper.guard(function(err)
      assert.is_nil(err)
      c:finish("hello")
      c:collect(function(e, got)
        result = { e, got }
        server:close()
      end)
    end))
    helper.run(5000)
    assert.are.same({ nil, "answer" }, result)
  end)
end)

-- Node differs here (a declared difference, docs/API.md): its stdout takes
-- writes after such a pipeline. test/twins/docs/stdout.js shows what it does.
describe("docs: stdout", function()
  -- Runs code as a program with arg[1] = mode; stdout goes to redirect,
  -- stderr is returned.
  local function sh(code, mode, redirect)
    local file = os.tmpname()
    local f = assert(io.open(file, "w"))
    f:write(code)
    f:close()
    local p = io.popen(("%s %s %s 2>&1 %s"):format(helper.LUA, file, mode, redirect))
    local out = p:read("a")
    p:close()
    os.remove(file)
    return out
  end

  local PROG = [[
local uv, stream = require("luv"), require("cstream")
local out = stream.stdout()
if arg[1] == "pipe" then
  stream.Readable.from({ "a\n" }):pipe(out)
  stream.Readable.from({ "b\n" }):pipe(out)
  uv.run()
  out:write("c\n")
else
  stream.pipeline(stream.Readable.from({ "a\n" }), out, function(err)
    out:on("error", function() end)
    out:write("after\n", function(e) io.stderr:write("write: ", e.code, "\n") end)
  end)
end
uv.run()
print("print still works")
]]

  it("pipe never ends it; pipeline ends it, and fd 1 stays open", function()
    local out = sh(PROG, "pipe", "| cat")
    assert.are.equal("a\nb\nc\nprint still works\n", out)
    local tmp = os.tmpname()
    out = sh(PROG, "pipeline", "> " .. tmp)
    assert.are.equal("write: ERR_STREAM_WRITE_AFTER_END\n", out)
    local f = assert(io.open(tmp))
    assert.are.equal("a\nprint still works\n", f:read("a"))
    f:close()
    os.remove(tmp)
  end)
end)
