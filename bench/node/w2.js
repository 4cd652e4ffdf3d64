'use strict';
// W2: 16,384 chunks of 64 KiB -> 3 PassThrough -> counting Writable.
const { Writable, PassThrough } = require('stream');
const B = require('./common');

const N = B.scaled(16384);
const chunk = Buffer.alloc(65536, 'a');
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
  B.check(bytes === N * 65536, 'w2 bytes');
  B.result('w2', dt, N, { bytes, writes });
});
src.pipe(new PassThrough()).pipe(new PassThrough())
  .pipe(new PassThrough()).pipe(sink);
