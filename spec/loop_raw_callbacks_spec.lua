-- Ticks queued by a luv callback cstream did not wrap (the user's own
-- uv.new_timer) run right after that callback, as Node drains its queues
-- after every callback: two timers due in the same loop pass do not run back
-- to back. This needs luv's callback hook (core.hookLuv); without it the
-- ticks wait for the idle handle, after the pass. Twin:
-- test/twins/loop/raw_timers.js.
local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local uv = require("luv")

local node = twin.run("test/twins/loop/raw_timers.js")

-- A raw luv timer: its callback is luv's, not wrapped by cstream.
local function rawTimer(ms, fn) helper.timeout_now(fn, ms) end

describe("ticks after a luv callback cstream did not wrap", function()
  before_each(function()
    if not uv.__cstream_hooked then pending("this luv does not export luv_set_callback") end
  end)

  -- twin: ticks_between_timers
  it("run before the next timer due in the same pass", function()
    local log, L = helper.line_recorder()
    rawTimer(0, function()
      L("timer 1")
      stream.nextTick(function() L("tick") end)
      stream.queueMicrotask(function() L("microtask") end)
    end)
    rawTimer(0, function() L("timer 2") end)
    helper.settle()
    assert.are.same(node.ticks_between_timers, log)
  end)

  -- twin: pipe_resumes_between_timers
  it("a pipe resumed by 'drain' flows before the next timer", function()
    local log, L = helper.line_recorder()
    local cbs = {}
    local w = stream.Writable.new({ highWaterMark = 1, write = function(_, c, _, cb)
      L("write", c)
      cbs[#cbs + 1] = cb
    end })
    w:write("x")
    local r = stream.Readable.new({ read = function() end })
    r:on("pause", function() L("pause") end)
    r:on("resume", function() L("resume") end)
    r:pipe(w)
    r:push("a")
    rawTimer(1, function()
      rawTimer(0, function()
        L("release")
        table.remove(cbs, 1)()
      end)
      rawTimer(0, function() L("next timer") end)
    end)
    helper.settle()
    assert.are.same(node.pipe_resumes_between_timers, log)
  end)
end)
