-- W3: 1,000,000 small tables through an object-mode Transform written in Lua.
local here = (arg and arg[0] or ""):match("^(.*)/") or "."
package.path = here .. "/?.lua;" .. package.path
local uv = require("luv")
local stream = require("cstream")
local B = require("common")

local N = B.scaled(1000000)
local i = 0
local src = stream.Readable.new({
  objectMode = true,
  read = function(self)
    while i < N do
      i = i + 1
      if not self:push({ id = i, name = "item" }) then return end
    end
    self:push(nil)
  end,
})
local map = stream.Transform.new({
  objectMode = true,
  transform = function(_, o, _, cb)
    cb(nil, { id = o.id, name = o.name, double = o.id * 2 })
  end,
})
local items, sum = 0, 0
local sink = stream.Writable.new({
  objectMode = true,
  write = function(_, o, _, cb)
    items = items + 1
    sum = sum + o.double
    cb()
  end,
})
local t0 = B.now()
sink:on("finish", function()
  local dt = B.now() - t0
  B.check(items == N and sum == N * (N + 1), "w3 items")
  B.result("w3", dt, N, { items = items })
end)
src:pipe(map):pipe(sink)
uv.run()
