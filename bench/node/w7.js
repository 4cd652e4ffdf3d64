'use strict';
// W7: 64 MiB pushed in 4 KiB chunks, consumed with read(1000) in paused mode.
const B = require('./common');

const N = B.scaled(16384);
const chunk = Buffer.from('abcdefgh'.repeat(512)); // 4096 bytes
const src = B.source(chunk, N);
let bytes = 0, reads = 0;
const t0 = B.now();
src.on('readable', () => {
  for (;;) {
    const c = src.read(1000);
    if (c === null) break;
    bytes += c.length;
    reads++;
  }
});
src.on('end', () => {
  const dt = B.now() - t0;
  B.check(bytes === N * 4096, 'w7 bytes');
  B.result('w7', dt, bytes, { bytes, reads });
});
