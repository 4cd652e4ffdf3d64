-- Shared by the cstream workloads: scale, clock, /proc readings, the RESULT line.
-- node/common.js is the same in JavaScript; keep the two in step.
local uv = require("luv")

local M = {}

-- BENCH_SCALE shrinks every size (QUICK=1 in bench/run sets 0.1).
M.scale = tonumber(os.getenv("BENCH_SCALE") or "") or 1

function M.scaled(n)
  return math.max(1, math.floor(n * M.scale + 0.5))
end

function M.now()
  return uv.hrtime() / 1e9
end

-- One field of /proc/self/status in kB (VmHWM = peak RSS, VmRSS = current).
function M.status_kb(field)
  local f = io.open("/proc/self/status", "r")
  if not f then return 0 end
  local s = f:read("a")
  f:close()
  return tonumber(s:match(field .. ":%s*(%d+)")) or 0
end

-- RESULT <name> <seconds> <units> <peak_rss_kb> [key=value ...]
function M.result(name, seconds, units, extra)
  local parts = { "RESULT", name, string.format("%.6f", seconds),
                  string.format("%d", units), string.format("%d", M.status_kb("VmHWM")) }
  if extra then
    local keys = {}
    for k in pairs(extra) do keys[#keys + 1] = k end
    table.sort(keys)
    for _, k in ipairs(keys) do parts[#parts + 1] = k .. "=" .. tostring(extra[k]) end
  end
  io.write(table.concat(parts, " "), "\n")
  io.stdout:flush()
end

-- A workload that does not deliver what it was asked for must not print a time.
function M.check(cond, what)
  if not cond then
    io.stderr:write("bench: check failed: ", what, "\n")
    os.exit(1)
  end
end

-- A Readable source of `count` copies of `chunk` (the same string each time),
-- pushing until push() says stop, as Node's examples do.
function M.source(stream, chunk, count, opts)
  local i = 0
  opts = opts or {}
  opts.read = function(self)
    while i < count do
      i = i + 1
      if not self:push(chunk) then return end
    end
    self:push(nil)
  end
  return stream.Readable.new(opts)
end

-- W1 and W2: `count` chunks of `size` bytes -> 3 PassThrough -> counting Writable.
function M.passthrough3(name, count, size)
  local uv = require("luv")
  local stream = require("cstream")
  local n = M.scaled(count)
  local chunk = string.rep("a", size)
  local bytes, writes = 0, 0
  local sink = stream.Writable.new({
    write = function(_, c, _, cb)
      bytes = bytes + #c
      writes = writes + 1
      cb()
    end,
  })
  local src = M.source(stream, chunk, n)
  local t0 = M.now()
  sink:on("finish", function()
    local dt = M.now() - t0
    M.check(bytes == n * size, name .. " bytes")
    M.result(name, dt, n, { bytes = bytes, writes = writes })
  end)
  src:pipe(stream.PassThrough.new()):pipe(stream.PassThrough.new())
     :pipe(stream.PassThrough.new()):pipe(sink)
  uv.run()
end

return M
