-- test-stream-promises.js (Node 20's test/parallel/), translated; sequences from
-- test/twins/await/stream_promises.js. See spec/README.md.
-- stream/promises' pipeline and finished are stream.await.pipeline and
-- stream.await.finished, inside a coroutine; a rejection is an error raised.
-- finished's `cleanup` option removes its listeners once it is done.

local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local Readable, Writable, Duplex, Transform, PassThrough =
  stream.Readable, stream.Writable, stream.Duplex, stream.Transform, stream.PassThrough
local errtext = helper.errtext
local await = stream.await
local function settle(L, name, fn)
  stream.async(function()
    local ok, e = pcall(fn)
    if ok then L(name, "resolved") else L(name, "rejected", errtext(e)) end
  end)
end

local cases = {
  { "pipeline_ok", "a pipeline resolves once the destination has finished",
    function(L)
      local read = Readable.new({ read = function() end })
      local write = Writable.new({ write = function(_, d, _, cb) L("write", d); cb() end })
      write:on("finish", function() L("finish") end)
      for _, c in ipairs({ "a", "b", "c" }) do read:push(c) end
      read:push(nil)
      stream.async(function()
        local ok, v = pcall(await.pipeline, read, write)
        if ok then L("pipeline resolved", v == nil and "undefined" or v) else L("pipeline rejected", errtext(v)) end
      end)
    end,
  },
  { "pipeline_error", "a source destroyed early rejects",
    function(L)
      local read = Readable.new({ read = function() end })
      local write = Writable.new({ write = function(_, _, _, cb) cb() end })
      read:push("data")
      helper.check_immediate(function() read:destroy() end)
      settle(L, "pipeline", function() await.pipeline(read, write) end)
    end,
  },
  { "finished_file", "finished of a file read to its end, and of a missing file",
    function(L)
      local rs = stream.fs.createReadStream("test/twins/await/stream_promises.js")
      local ended = false
      rs:resume()
      rs:on("end", function() ended = true end)
      -- the missing file's once the first has settled: two independent
      -- threadpool round trips finish in either order under load
      stream.async(function()
        local ok, e = pcall(await.finished, rs)
        if ok then L("finished resolved", ended) else L("finished rejected", errtext(e)) end
        settle(L, "missing", function() await.finished(stream.fs.createReadStream("file-does-not-exist")) end)
      end)
    end,
  },
  { "cleanup_invalid", "cleanup that is not a boolean raises; true is taken",
    function(L)
      stream.async(function()
        local ok, e = pcall(await.finished, Readable.new(), { cleanup = 2 })
        if ok then L("ok") else L("throw", errtext(e)) end
      end)
      local r = Readable.new()
      stream.async(function() pcall(await.finished, r, { cleanup = true }) end)
      L("ok")
    end,
  },
  { "cleanup", "the listeners left after it resolves, with cleanup false, true and unset",
    function(L)
      for _, opts in ipairs({ { cleanup = false }, { cleanup = true }, false }) do
        local w = Writable.new()
        L("before", w:listenerCount("end"))
        local name = opts == false and "undefined" or ('{"cleanup":' .. tostring(opts.cleanup) .. "}")
        stream.async(function()
          await.finished(w, opts or nil)
          L("resolved", name, w:listenerCount("end"), w:listenerCount("finish"), w:listenerCount("error"))
        end)
        w:finish()
      end
    end,
  },
}

local node = twin.run("test/twins/await/stream_promises.js")

describe("test-stream-promises", function()
  helper.twin_cases(cases, node, "test/twins/await/stream_promises.js")
  helper.twin_covers(cases, node)
end)
