'use strict';
// Shared by the Node workloads: scale, clock, /proc readings, the RESULT line.
// lua/common.lua is the same in Lua; keep the two in step.
const fs = require('fs');
const { Readable } = require('stream');

const scale = Number(process.env.BENCH_SCALE) || 1;

function scaled(n) {
  return Math.max(1, Math.round(n * scale));
}

function now() {
  return Number(process.hrtime.bigint()) / 1e9;
}

// One field of /proc/self/status in kB (VmHWM = peak RSS, VmRSS = current).
function statusKb(field) {
  let s;
  try { s = fs.readFileSync('/proc/self/status', 'latin1'); } catch { return 0; }
  const m = s.match(new RegExp(field + ':\\s*(\\d+)'));
  return m ? Number(m[1]) : 0;
}

// RESULT <name> <seconds> <units> <peak_rss_kb> [key=value ...]
function result(name, seconds, units, extra) {
  const parts = ['RESULT', name, seconds.toFixed(6), String(Math.round(units)),
                 String(statusKb('VmHWM'))];
  if (extra) {
    for (const k of Object.keys(extra).sort()) parts.push(k + '=' + extra[k]);
  }
  process.stdout.write(parts.join(' ') + '\n');
}

// A workload that does not deliver what it was asked for must not print a time.
function check(cond, what) {
  if (!cond) {
    process.stderr.write('bench: check failed: ' + what + '\n');
    process.exit(1);
  }
}

// A Readable source of `count` copies of `chunk` (the same Buffer each time),
// pushing until push() says stop.
function source(chunk, count, opts) {
  let i = 0;
  return new Readable(Object.assign({}, opts, {
    read() {
      while (i < count) {
        i++;
        if (!this.push(chunk)) return;
      }
      this.push(null);
    },
  }));
}

// W1 and W2: `count` chunks of `size` bytes -> 3 PassThrough -> counting Writable.
function passthrough3(name, count, size) {
  const { Writable, PassThrough } = require('stream');
  const n = scaled(count);
  const chunk = Buffer.alloc(size, 'a');
  let bytes = 0, writes = 0;
  const sink = new Writable({
    write(c, _enc, cb) {
      bytes += c.length;
      writes++;
      cb();
    },
  });
  const src = source(chunk, n);
  const t0 = now();
  sink.on('finish', () => {
    const dt = now() - t0;
    check(bytes === n * size, name + ' bytes');
    result(name, dt, n, { bytes, writes });
  });
  src.pipe(new PassThrough()).pipe(new PassThrough())
    .pipe(new PassThrough()).pipe(sink);
}

module.exports = { scale, scaled, now, statusKb, result, check, source, passthrough3 };
