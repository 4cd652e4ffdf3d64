-- W6: a fast source piped into a slow sink (1 ms per write) for 3 s.  Every
-- write and a 10 ms timer sample the bytes buffered (source readableLength +
-- sink writableLength); the timer also samples the RSS.  Reports the peak
-- buffered bytes, the sum of highWaterMarks, and the RSS at 1 s against the
-- largest RSS seen after it.
local here = (arg and arg[0] or ""):match("^(.*)/") or "."
package.path = here .. "/?.lua;" .. package.path
local uv = require("luv")
local stream = require("cstream")
local B = require("common")

local DURATION = tonumber(os.getenv("BENCH_W6_SECONDS") or "") or 3
local SETTLE = DURATION / 3
local chunk = string.rep("x", 4096)
local stop = false
local pushed = 0
local src = stream.Readable.new({
  read = function(self)
    while not stop do
      pushed = pushed + 1
      if not self:push(chunk) then return end
    end
    self:push(nil)
  end,
})
local delay = uv.new_timer()
local written, peakBuf = 0, 0
local sink = stream.Writable.new({
  write = function(self, c, _, cb)
    written = written + #c
    local buf = src.readableLength + self.writableLength
    if buf > peakBuf then peakBuf = buf end
    delay:start(1, 0, cb)
  end,
})
local hwm = src.readableHighWaterMark + sink.writableHighWaterMark
local rssSettled, peakRssAfter = nil, 0
local t0 = B.now()
local sampler = uv.new_timer()
sampler:start(10, 10, function()
  local buf = src.readableLength + sink.writableLength
  if buf > peakBuf then peakBuf = buf end
  local t = B.now() - t0
  if t >= SETTLE then
    local rss = B.status_kb("VmRSS")
    if not rssSettled then rssSettled = rss end
    if rss > peakRssAfter then peakRssAfter = rss end
  end
  if t >= DURATION and not stop then
    stop = true
    src:read(0) -- let _read run and end the source
  end
end)
sink:on("finish", function()
  local dt = B.now() - t0
  sampler:close()
  delay:close()
  B.check(written == pushed * 4096, "w6 bytes")
  B.result("w6", dt, written, {
    peak_buffered = peakBuf, hwm_sum = hwm,
    rss_settled_kb = rssSettled or 0, rss_peak_after_kb = peakRssAfter,
    writes = written // 4096,
  })
end)
src:pipe(sink)
uv.run()
