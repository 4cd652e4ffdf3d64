-- Readable.from(a stream) destroyed from its own 'data' or 'readable'
-- listener (not in Node's tests). Node reads the stream through an async
-- generator: a destroy inside from()'s push returns it (its finally destroys
-- the source first) and leaves it done, so from() still pushes null and 'end'
-- comes before 'close' (not after destroy(err): the stream is errored).
-- Sequences from test/twins/iter/readable_from_stream_destroy_in_listener.js.
-- See spec/README.md.

local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local Readable = stream.Readable

local SOURCE = "test/twins/iter/readable_from_stream_destroy_in_listener.js"
local node = twin.run(SOURCE)

local cases = {}
for _, objectMode in ipairs({ true, false }) do
  for _, ended in ipairs({ false, true }) do
    for _, how in ipairs({ "data", "readable" }) do
      for _, err in ipairs({ false, true }) do
        local name = ("%s_%s_%s%s"):format(objectMode and "objects" or "bytes", ended and "ended" or "open",
                                           how, err and "_err" or "")
        local desc = ("from(%s source%s) destroyed%s from '%s'"):format(
          objectMode and "an object-mode" or "a byte", ended and ", ended" or "",
          err and " with an error" or "", how)
        cases[#cases + 1] = { name, desc, function(L)
          local src = Readable.new({ objectMode = objectMode, read = function() end })
          src:on("error", function(e) L("source error:" .. helper.errtext(e)) end)
          src:on("close", function() L("source close") end)
          local s = Readable.from(src)
          for _, ev in ipairs({ "end", "close", "error" }) do
            s:on(ev, function(e) L(ev == "error" and "error:" .. helper.errtext(e) or ev) end)
          end
          local e = err and { code = "EX", message = "boom" } or nil
          if how == "data" then
            s:once("data", function(c)
              L("data:" .. c)
              s:destroy(e)
            end)
          else
            s:once("readable", function()
              L("read", helper.nullstr(s:read()))
              s:destroy(e)
              L("read", helper.nullstr(s:read()))
            end)
          end
          src:push("a")
          src:push("b")
          if ended then src:push(nil) end
        end }
      end
    end
  end
end

-- A byte source still open when 'readable' destroys: the generator waits for
-- input that never comes. Node's return() waits for that await, so its
-- from() never closes (the twin prints only the two reads); cstream closes
-- the generator at once (docs/API.md, Differences: "Destroying
-- Readable.from ... over a generator waiting").
local HANG = {
  bytes_open_readable = { "read ab", "read null", "source error:ABORT_ERR", "source close", "close" },
  bytes_open_readable_err = { "read ab", "read null", "source error:ABORT_ERR", "source close", "error:EX",
                              "close" },
}
local twinned, hangs = {}, {}
for _, c in ipairs(cases) do
  if HANG[c[1]] then hangs[#hangs + 1] = c else twinned[#twinned + 1] = c end
end

describe("Readable.from(stream) destroyed from its own listener", function()
  -- twin: every case below, by name
  helper.twin_cases(twinned, node, SOURCE)
  helper.twin_covers(twinned, node)

  for _, c in ipairs(hangs) do
    it(c[1] .. ": " .. c[2] .. " (Node never closes it)", function()
      assert.are.same({ "read ab", "read null" }, node[c[1]])
      local log, L = helper.line_recorder()
      c[3](L)
      helper.settle()
      assert.are.same(HANG[c[1]], log)
    end)
  end
end)
