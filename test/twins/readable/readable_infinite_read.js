// Twin of spec/readable/readable_infinite_read_spec.lua
// (test-stream-readable-infinite-read.js): the program run twice, once for
// the lengths read, once for the count of _read calls and of 'readable'
// events. Run: node test/twins/readable/readable_infinite_read.js
'use strict';
const { Readable } = require('stream');
const { runTimed } = require('../duplex/common');

const program = (onLength, onDone) => {
  const buf = Buffer.alloc(8192);
  let reads = 0, i = 0;
  const r = new Readable({ highWaterMark: 16 * 1024, read() { reads++; this.push(buf); } });
  r.on('readable', () => {
    if (i++ === 10) {
      r.removeAllListeners('readable');
      setImmediate(() => onDone(reads, i));
      return;
    }
    onLength(r.read().length);
  });
};
runTimed({
  lengths(log) { program(log, () => {}); },
  counts(log) { program(() => {}, (reads, i) => { log(reads); log(i); }); },
}, 100);
