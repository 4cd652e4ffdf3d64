'use strict';
// W6: a fast source piped into a slow sink (1 ms per write) for 3 s.  Every
// write and a 10 ms timer sample the bytes buffered (source readableLength +
// sink writableLength); the timer also samples the RSS.  Reports the peak
// buffered bytes, the sum of highWaterMarks, and the RSS at 1 s against the
// largest RSS seen after it.
const { Readable, Writable } = require('stream');
const B = require('./common');

const DURATION = Number(process.env.BENCH_W6_SECONDS) || 3;
const SETTLE = DURATION / 3;
const chunk = Buffer.alloc(4096, 'x');
let stop = false;
let pushed = 0;
const src = new Readable({
  read() {
    while (!stop) {
      pushed++;
      if (!this.push(chunk)) return;
    }
    this.push(null);
  },
});
let written = 0, peakBuf = 0;
const sink = new Writable({
  write(c, _enc, cb) {
    written += c.length;
    const buf = src.readableLength + sink.writableLength;
    if (buf > peakBuf) peakBuf = buf;
    setTimeout(cb, 1);
  },
});
const hwm = src.readableHighWaterMark + sink.writableHighWaterMark;
let rssSettled = null, peakRssAfter = 0;
const t0 = B.now();
const sampler = setInterval(() => {
  const buf = src.readableLength + sink.writableLength;
  if (buf > peakBuf) peakBuf = buf;
  const t = B.now() - t0;
  if (t >= SETTLE) {
    const rss = B.statusKb('VmRSS');
    if (rssSettled === null) rssSettled = rss;
    if (rss > peakRssAfter) peakRssAfter = rss;
  }
  if (t >= DURATION && !stop) {
    stop = true;
    src.read(0); // let _read run and end the source
  }
}, 10);
sink.on('finish', () => {
  const dt = B.now() - t0;
  clearInterval(sampler);
  B.check(written === pushed * 4096, 'w6 bytes');
  B.result('w6', dt, written, {
    peak_buffered: peakBuf, hwm_sum: hwm,
    rss_settled_kb: rssSettled || 0, rss_peak_after_kb: peakRssAfter,
    writes: written / 4096,
  });
});
src.pipe(sink);
