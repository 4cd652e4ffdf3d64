'use strict';
// W1: 1,000,000 chunks of 100 bytes -> 3 PassThrough -> counting Writable.
const { Writable, PassThrough } = require('stream');
const B = require('./common');

const N = B.scaled(1000000);
const chunk = Buffer.alloc(100, 'a');
let bytes = 0, writes = 0;
const sink = new Writable({
  write(c, _enc, cb) {
    bytes += c.length;
    writes++;
    cb();
  },
});
const src = B.source(chunk, N);
const t0 = B.now();
sink.on('finish', () => {
  const dt = B.now() - t0;
  B.check(bytes === N * 100, 'w1 bytes');
  B.result('w1', dt, N, { bytes, writes });
});
src.pipe(new PassThrough()).pipe(new PassThrough())
  .pipe(new PassThrough()).pipe(sink);
