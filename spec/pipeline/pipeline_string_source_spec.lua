-- pipeline's string source: Node iterates a JS string, so a string given as
-- the first stage (or returned by the first function stage) arrives one
-- character per chunk; Readable.from takes it as one chunk. cstream's
-- characters are UTF-8 sequences. Twin: test/twins/pipeline/string_source.js.
local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local Readable, Writable, pipeline = stream.Readable, stream.Writable, stream.pipeline

local node = twin.run("test/twins/pipeline/string_source.js")

local function sink(L, objectMode)
  return Writable.new({ objectMode = objectMode, write = function(_, c, _, cb)
    L("write", c)
    cb()
  end })
end

local function done(L) return function(e) L("cb", helper.errtext(e)) end end

local cases = {
  { "string_source", "a string source: a chunk per character",
    function(L) pipeline("ab€", sink(L), done(L)) end,
  },
  { "string_source_objects", "into an object-mode sink",
    function(L) pipeline("xy", sink(L, true), done(L)) end,
  },
  { "first_function_returns_string", "a first function stage returning a string",
    function(L) pipeline(function() return "cd" end, sink(L), done(L)) end,
  },
  { "readable_from_string", "Readable.from(string) is one chunk",
    function(L) pipeline(Readable.from("ab€"), sink(L), done(L)) end,
  },
}

describe("pipeline with a string source", function()
  helper.twin_cases(cases, node, "test/twins/pipeline/string_source.js")
  helper.twin_covers(cases, node)
end)
