// Twin of spec/pipe/pipe_deadlock_spec.lua (test-stream-pipe-deadlock.js).
// Run: node test/twins/pipe/pipe_deadlock.js
'use strict';
const { Readable, Writable } = require('stream');
const { runTimed } = require('../duplex/common');

runTimed({
  ended_paused_source(log) {
    const src = new Readable({ read() {} });
    src.push(Buffer.alloc(100));
    src.push(null);
    src.pause();
    setImmediate(() => {
      const dst = new Writable({ highWaterMark: 1000, write(buf, enc, cb) { log('write:' + buf.length); process.nextTick(cb); } });
      log(dst.write(Buffer.alloc(1000)));
      dst.on('finish', () => log('finish'));
      src.pipe(dst);
    });
  },
}, 30);
