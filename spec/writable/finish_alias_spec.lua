-- finish() is Node's end(): cstream behaviour beyond Node's own tests; sequences from test/twins/writable/finish_alias.js. See spec/README.md.

local helper = require("spec.helper")
local twin = require("spec.twin")
local stream = require("cstream")
local Writable = stream.Writable

local node = twin.run("test/twins/writable/finish_alias.js")

describe("finish() is Node's end()", function()
  it("w['end'] is the same function as w.finish", function()
    local w = Writable.new({ write = helper.write_ok })
    assert.is_function(w.finish)
    assert.are.equal(w.finish, w["end"])
    helper.settle()
  end)

  -- twin: end_chunk_encoding_cb
  it("w['end'](w, chunk, encoding, cb) ends the stream", function()
    local log = {}
    local w = Writable.new({ write = function(self, c, e, cb)
      helper.put(log, "write:" .. c .. "/" .. e)
      cb()
    end })
    helper.on(w, log, "finish")
    local r = w["end"](w, "hello world", "ascii", function(e) helper.put(log, "endcb:" .. helper.errtext(e)) end)
    helper.put(log, "self=" .. tostring(r == w))
    helper.settle()
    assert.are.same(node.end_chunk_encoding_cb, log)
  end)
end)
