-- test-stream-readable-async-iterators.js (Node 20's test/parallel/),
-- translated: its destroyOnReturn cases, r:iter({ destroyOnReturn = ... }).
-- The rest of the test is readable_async_iterators_spec.lua. Sequences from
-- test/twins/iter/readable_async_iterators_destroy_on_return.js. See
-- spec/README.md.

local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local Readable = stream.Readable

local node = twin.run("test/twins/iter/readable_async_iterators_destroy_on_return.js")

describe("test-stream-readable-async-iterators.js: destroyOnReturn", function()
  local function createReadable()
    local step = 0
    return Readable.from(function()
      step = step + 1
      helper.sleep(1)
      if step == 1 then return 5 end
      if step == 2 then return 7 end
      return nil
    end)
  end

  -- twin: destroy_true
  it("true: break destroys", function()
    -- Breaking (or raising) out of the loop closes the iterator through the
    -- for loop's to-be-closed value: Lua 5.4 only (r:each(fn) is the portable form).
    if not helper.TBC then return pending("needs Lua 5.4's to-be-closed for-loop value") end
    local r = createReadable()
    local got = {}
    helper.async(function()
      for chunk in r:iter({ destroyOnReturn = true }) do
        got[#got + 1] = chunk
        break
      end
    end)
    assert.same(node.destroy_true, twin.strings(got))
    assert.is_true(r.destroyed)
  end)

  -- twin: destroy_false
  it("false: break keeps the stream, a second loop reads the rest", function()
    local r = createReadable()
    local got, between = {}, nil
    helper.async(function()
      local opts = { destroyOnReturn = false }
      for chunk in r:iter(opts) do
        got[#got + 1] = chunk
        break
      end
      between = r.destroyed
      for chunk in r:iter(opts) do got[#got + 1] = chunk end
    end)
    assert.same(node.destroy_false, twin.strings(got))
    assert.is_false(between)
    assert.is_true(r.destroyed)
  end)

  it("rejects options that are not a table", function()
    local r = createReadable()
    local ok, err = pcall(r.iter, r, 42)
    assert.is_false(ok)
    assert.equal("ERR_INVALID_ARG_TYPE", err.code)
    assert.equal("bad argument #1 to 'iter' (table expected, got number)", err.message)
    r:destroy()
    helper.run(5000)
  end)

  it("leaves no listener behind", function()
    -- Breaking (or raising) out of the loop closes the iterator through the
    -- for loop's to-be-closed value: Lua 5.4 only (r:each(fn) is the portable form).
    if not helper.TBC then return pending("needs Lua 5.4's to-be-closed for-loop value") end
    local r = createReadable()
    helper.async(function()
      local opts = { destroyOnReturn = false }
      while r.readable do
        for _ in r:iter(opts) do break end
      end
    end)
    assert.same({}, r:eventNames())
  end)
end)
