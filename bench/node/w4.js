'use strict';
// W4: 200,000 chunks of 1 KiB through an uppercasing Transform written in JS.
const { Transform, Writable } = require('stream');
const B = require('./common');

const N = B.scaled(200000);
const letters = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .';
const chunk = Buffer.from(letters.repeat(16)); // 64 * 16 = 1024 bytes
const upper = new Transform({
  transform(c, _enc, cb) {
    cb(null, c.toString().toUpperCase());
  },
});
let bytes = 0, first = null;
const sink = new Writable({
  write(c, _enc, cb) {
    bytes += c.length;
    if (first === null) first = c;
    cb();
  },
});
const src = B.source(chunk, N);
const t0 = B.now();
sink.on('finish', () => {
  const dt = B.now() - t0;
  B.check(bytes === N * 1024 && first.toString() === letters.repeat(16).toUpperCase(), 'w4 bytes');
  B.result('w4', dt, N, { bytes });
});
src.pipe(upper).pipe(sink);
