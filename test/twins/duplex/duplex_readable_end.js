// Twin of spec/duplex/duplex_readable_end_spec.lua (test-stream-duplex-readable-end.js).
// Run: node test/twins/duplex/duplex_readable_end.js
'use strict';
const { Readable, Transform } = require('stream');
const { runTimed } = require('./common');

runTimed({
  push_null_in_transform(log) {
    let loops = 5;
    const src = new Readable({ highWaterMark: 16 * 1024, read() {
      if (loops--) this.push(Buffer.alloc(20000));
    } });
    const dst = new Transform({ highWaterMark: 16 * 1024, transform(chunk, output, fn) {
      log('transform');
      this.push(null);
      fn();
    } });
    src.pipe(dst);
    dst.on('data', () => log('data'));
    dst.on('end', () => log('end:' + loops + ':' + src.isPaused()));
  },
}, 50);
