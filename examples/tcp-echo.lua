-- tcp-echo: an echo server on 127.0.0.1 (port chosen by the system) and a
-- client that sends a few lines, prints what comes back and ends; then the
-- server closes and the program exits by itself.
local uv = require("luv")
local stream = require("cstream")

local server = uv.new_tcp()
assert(server:bind("127.0.0.1", 0))
assert(server:listen(16, function(err)
  assert(not err, err)
  local handle = uv.new_tcp()
  assert(server:accept(handle))
  local conn = stream.fromHandle(handle)
  conn:on("error", function(e) io.stderr:write("server: ", tostring(e), "\n") end)
  conn:pipe(conn) -- echo everything; ends when the client ends
end))
local port = server:getsockname().port
print("listening on 127.0.0.1:" .. port)

local client = uv.new_tcp()
assert(client:connect("127.0.0.1", port, function(err)
  assert(not err, err)
  local sock = stream.fromHandle(client)
  sock:setEncoding("utf8")
  local echoed = {}
  sock:on("data", function(text) echoed[#echoed + 1] = text end)
  sock:on("end", function()
    io.write("echoed: ", table.concat(echoed))
  end)
  sock:on("close", function()
    print("client closed")
    server:close()
  end)
  sock:on("error", function(e) io.stderr:write("client: ", tostring(e), "\n") end)
  for _, line in ipairs({ "hello\n", "streams\n", "on luv\n" }) do
    sock:write(line)
  end
  sock:finish()
end))

uv.run()
