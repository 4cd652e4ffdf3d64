-- w:writeAsync (API.md §7): cstream behaviour beyond Node's own tests; sequences from test/twins/writable/write_async.js. See spec/README.md.

local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local Writable = stream.Writable

local node = twin.run("test/twins/writable/write_async.js")

describe("w:writeAsync (API.md §7)", function()
  -- Node twin: `if (!w.write(c)) await once(w, 'drain')`.
  -- twin: suspends_until_drain
  it("suspends the coroutine until 'drain' when write() returns false", function()
    local log = {}
    local w = Writable.new({ highWaterMark = 3, write = function(self, c, e, cb)
      helper.put(log, "write:" .. c)
      helper.setTimeout(cb, 5)
    end })
    helper.on(w, log, "drain", "finish")
    coroutine.wrap(function()
      local ok, err = pcall(function()
        for _, c in ipairs({ "ab", "cd", "e", "fgh" }) do
          w:writeAsync(c)
          helper.put(log, "wrote:" .. c)
        end
        w:finish()
        helper.put(log, "ended")
      end)
      if not ok then helper.put(log, "raised:" .. helper.errtext(err)) end
    end)()
    helper.put(log, "sync")
    helper.settle()
    assert.are.same(node.suspends_until_drain, log)
  end)

  -- twin: no_suspend
  it("does not suspend while write() returns true", function()
    local log = {}
    local w = Writable.new({ highWaterMark = 1, write = function(self, c, e, cb)
      helper.put(log, "write:" .. c)
      cb()
    end })
    helper.on(w, log, "drain", "finish")
    coroutine.wrap(function()
      for _, c in ipairs({ "a", "b", "c" }) do
        w:writeAsync(c)
        helper.put(log, "wrote:" .. c)
      end
      w:finish()
    end)()
    helper.put(log, "sync")
    helper.settle()
    assert.are.same(node.no_suspend, log)
  end)

  -- twin: passes_encoding
  it("passes the encoding on", function()
    local log = {}
    local w = Writable.new({ highWaterMark = 1, write = function(self, c, e, cb)
      helper.put(log, "write:" .. helper.hex(c) .. "/" .. e)
      helper.setTimeout(cb, 1)
    end })
    helper.on(w, log, "drain")
    coroutine.wrap(function()
      w:writeAsync("6869", "hex")
      helper.put(log, "wrote")
      w:finish()
    end)()
    helper.settle()
    assert.are.same(node.passes_encoding, log)
  end)

  -- The contract does not say whether the coroutine resumes before or after
  -- 'close'; it must raise the stream's error after 'error' was emitted.
  local function raisesWhileSuspended(name, case, build)
    it(name, function()
      local log, got = {}, nil
      local w = build(log)
      helper.on(w, log, "error", "close")
      coroutine.wrap(function()
        local ok, err = pcall(w.writeAsync, w, "ab")
        got = err
        helper.put(log, ok and "no" or "caught:" .. helper.errtext(err))
      end)()
      helper.settle()
      -- node: await once(w, 'drain') rejects after 'error' and 'close'
      assert.are.same(node[case], log)
      assert.are.equal(w.errored, got)
    end)
  end

  -- twin: failed_write
  raisesWhileSuspended("raises the error of a failed write while suspended", "failed_write", function(log)
    return Writable.new({ highWaterMark = 1, write = function(self, c, e, cb)
      helper.put(log, "write:" .. c)
      helper.setTimeout(cb, 5, helper.E("bad"))
    end })
  end)

  -- twin: destroyed
  raisesWhileSuspended("raises when destroyed with an error while suspended", "destroyed", function(log)
    local w = Writable.new({ highWaterMark = 1, write = function(self, c)
      helper.put(log, "write:" .. c)
    end })
    helper.setTimeout(function() w:destroy(helper.E("bad")) end, 5)
    return w
  end)
end)
