// Twin of spec/readable/stream2_large_read_stall_spec.lua (test-stream2-large-read-stall.js): one case per `it`.
// Run: node test/twins/readable/stream2_large_read_stall.js
'use strict';
const stream = require('stream');
const { Readable, Writable, Duplex, Transform, PassThrough } = stream;
const { runTimed, errText } = require('../duplex/common');


runTimed({
  stall(log) {
    const r = new Readable({ highWaterMark: 50 });
    let pushes = 0, reads = 0, readables = 0;
    r._read = function push() {
      if (pushes > 1000) return;
      if (pushes++ === 1000) return r.push(null);
      if (r.push(Buffer.alloc(20))) setTimeout(push, 1);
    };
    r.on('readable', () => {
      readables++;
      let ret;
      do { ret = r.read(100); if (ret) reads++; } while (ret && ret.length === 100);
    });
    r.on('end', () => log('end', pushes, reads, readables));
  },
}, 500);
