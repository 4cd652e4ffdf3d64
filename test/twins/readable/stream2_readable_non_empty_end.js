// Twin of spec/readable/stream2_readable_non_empty_end_spec.lua
// (test-stream2-readable-non-empty-end.js); read()'s null logged as "null",
// Lua's nil chunk past the list's end is push(null).
// Run: node test/twins/readable/stream2_readable_non_empty_end.js
'use strict';
const { Readable } = require('stream');
const { runTimed } = require('../duplex/common');

runTimed({
  end_waits(log) {
    let len = 0;
    const chunks = [];
    for (let i = 1; i <= 10; i++) { chunks.push(Buffer.alloc(i)); len += i; }
    let n = -1;
    const r = new Readable({ read() {
      const chunk = chunks[++n];
      setTimeout(() => r.push(chunk === undefined ? null : chunk), 1);
    } });
    const thrower = () => log('early end');
    r.on('end', thrower);
    let bytesread = 0;
    const next = () => {
      r.removeListener('end', thrower);
      r.on('end', () => log('end'));
      const x = r.read();
      log('last:' + (x ? x.length : 'nil'));
      const y = r.read();
      log(y === null ? 'null' : String(y));
    };
    r.on('readable', () => {
      const b = len - bytesread - 1;
      const res = r.read(b);
      if (res) {
        bytesread += res.length;
        log('got:' + res.length);
        setTimeout(next, 1);
      }
      r.read(0);
    });
    r.read(0);
  },
}, 100);
