-- stdout on a pipe, ended, emits 'finish' and then 'close' with no argument
-- (process.stdout's destroy keeps the fd), where a socket that closes its
-- handle gives 'close'(hadError). Twin: test/twins/handle/stdout_close.js.
local helper = require("spec.helper")
local twin = require("spec.twin")

local node = twin.run("test/twins/handle/stdout_close.js")

describe("stdout on a pipe", function()
  -- twin: stdout_pipe_close
  it("'finish', then 'close' without hadError", function()
    local file = os.tmpname()
    local f = assert(io.open(file, "w"))
    f:write([[
local uv, stream = require("luv"), require("cstream")
local out = stream.stdout()
out:on("finish", function() io.stderr:write("finish\n") end)
out:on("close", function(...) io.stderr:write("close ", select("#", ...), "\n") end)
out:finish("x\n")
uv.run()
]])
    f:close()
    local err = os.tmpname()
    local p = io.popen(("%s %s 2>%s"):format(helper.LUA, file, err))
    local log = { p:read("a") }
    p:close()
    for line in io.lines(err) do log[#log + 1] = line end
    os.remove(file)
    os.remove(err)
    assert.are.same(node.stdout_pipe_close, log)
  end)
end)
