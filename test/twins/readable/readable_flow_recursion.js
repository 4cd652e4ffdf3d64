// Twin of spec/readable/readable_flow_recursion_spec.lua
// (test-stream-readable-flow-recursion.js): the log, then reads,
// readableHighWaterMark, readableLength and the recursion depth at the end.
// Run: node test/twins/readable/readable_flow_recursion.js
'use strict';
const { Readable } = require('stream');
const { runTimed } = require('../duplex/common');

const program = (log, onEnd) => {
  let total = 5000, reads = 0, depth = 0;
  const r = new Readable({ highWaterMark: 2, read(size) {
    reads++;
    log('_read:' + size);
    size = Math.min(size, total);
    total -= size;
    if (size === 0) this.push(null); else this.push(Buffer.alloc(size));
  } });
  function flow(size) {
    depth++;
    const chunk = r.read(size);
    if (!chunk) r.once('readable', () => flow(size));
    else log('chunk:' + chunk.length);
    depth--;
  }
  flow(5000);
  setTimeout(() => onEnd(reads, r.readableHighWaterMark, r.readableLength, depth), 20);
};
runTimed({
  log(log) { program(log, () => {}); },
  state(log) { program(() => {}, (...a) => a.forEach((x) => log(x))); },
}, 50);
