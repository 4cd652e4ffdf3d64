// Twin of spec/pipe/stream2_unpipe_leak_spec.lua (test-stream2-unpipe-leak.js):
// the listener counts left after ten pipe/unpipe, then the source's fill.
// Run: node test/twins/pipe/stream2_unpipe_leak.js
'use strict';
const { Readable, Writable } = require('stream');
const { runTimed } = require('../duplex/common');

runTimed({
  no_leak(log) {
    class TestWriter extends Writable { _write(c, e, callback) { callback(null); } }
    const dest = new TestWriter();
    class TestReader extends Readable { _read() { this.push(Buffer.from('hallo')); } }
    const src = new TestReader({ highWaterMark: 0x10000 });
    for (let i = 0; i < 10; i++) {
      src.pipe(dest);
      src.unpipe(dest);
    }
    [src.listenerCount('end'), src.listenerCount('readable'), src.listenerCount('data'),
     dest.listenerCount('unpipe'), dest.listenerCount('drain'), dest.listenerCount('error'),
     dest.listenerCount('close'), dest.listenerCount('finish')].forEach((n) => log(n));
    setTimeout(() => {
      log(src.readableLength >= src.readableHighWaterMark);
      log(src.readableLength);
      log(src.readableFlowing);
    }, 20);
  },
}, 50);
