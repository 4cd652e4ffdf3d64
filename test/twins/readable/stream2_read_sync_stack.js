// Twin of spec/readable/stream2_read_sync_stack_spec.lua
// (test-stream2-read-sync-stack.js). Run: node test/twins/readable/stream2_read_sync_stack.js
'use strict';
const { Readable } = require('stream');
const { runTimed } = require('../duplex/common');

runTimed({
  no_overflow(log) {
    const N = 256 * 1024;
    let reads = 0;
    const r = new Readable({ read() { return reads++ === N ? r.push(null) : r.push(Buffer.alloc(1)); } });
    r.on('readable', () => r.read(N * 2));
    r.on('end', () => { log('end'); log(reads); log(r.readableLength); });
    r.read(0);
  },
}, 1000);
