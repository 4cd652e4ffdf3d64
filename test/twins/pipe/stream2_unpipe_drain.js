// Twin of spec/pipe/stream2_unpipe_drain_spec.lua (test-stream2-unpipe-drain.js).
// Run: node test/twins/pipe/stream2_unpipe_drain.js
'use strict';
const { Readable, Writable } = require('stream');
const { runTimed } = require('../duplex/common');

runTimed({
  reads_twice(log) {
    class TestWriter extends Writable { _write(buffer) { log('write:' + buffer.length); } }
    const dest = new TestWriter();
    class TestReader extends Readable {
      constructor() { super(); this.reads = 0; }
      _read(size) { this.reads += 1; this.push(Buffer.alloc(size)); }
    }
    const src1 = new TestReader(), src2 = new TestReader();
    src1.pipe(dest);
    src1.once('readable', () => process.nextTick(() => {
      src2.pipe(dest);
      src2.once('readable', () => process.nextTick(() => src1.unpipe(dest)));
    }));
    setTimeout(() => log('reads:' + src1.reads + ':' + src2.reads), 20);
  },
}, 50);
