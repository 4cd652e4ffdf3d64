-- compose() with a function first or last stage: as Node, each is
-- Duplex.from(fn), so the last one's source yields the chunks of the stream
-- before it one by one as they are piped in (not what that stream holds
-- joined into one read), and the first one runs in a coroutine of its own.
-- Twin: test/twins/compose/function_stages.js.
local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local PassThrough, compose = stream.PassThrough, stream.compose

local node = twin.run("test/twins/compose/function_stages.js")

local function watch(s, L, names)
  for _, name in ipairs(names) do
    s:on(name, function(e) L(name == "error" and "error " .. e.message or name) end)
  end
end

-- Node's async generator stage: an iterator over the source's chunks, f(x) each.
local function stage(f)
  return function(src)
    return coroutine.wrap(function()
      for x in src:iter() do coroutine.yield(f(x)) end
    end)
  end
end

local cases = {
  { "last_gets_each_chunk", "a last function stage gets each chunk written before it",
    function(L)
      local c = compose(PassThrough.new(), stage(string.upper))
      watch(c, L, { "finish", "end", "close", "error" })
      c:on("data", function(d) L("data", d) end)
      c:write("ab")
      c:finish("cd")
    end,
  },
  { "first_generator_throws", "a first function stage's error destroys the composition",
    function(L)
      local c = compose(stage(function(x) error({ message = "ce " .. x }) end), PassThrough.new())
      watch(c, L, { "finish", "end", "close", "error" })
      c:write("ab")
      c:resume()
    end,
  },
  { "first_and_last", "function stages on both ends",
    function(L)
      local c = compose(stage(function(x) return x .. "1" end),
                        PassThrough.new({ objectMode = true }),
                        stage(function(x) return x .. "2" end))
      watch(c, L, { "finish", "end", "close", "error" })
      c:on("data", function(d) L("data", d) end)
      c:write("a")
      c:write("b")
      c:finish()
    end,
  },
}

describe("compose's function stages", function()
  helper.twin_cases(cases, node, "test/twins/compose/function_stages.js")
  helper.twin_covers(cases, node)
end)
