// Twin of spec/readable/stream2_readable_legacy_drain_spec.lua
// (test-stream2-readable-legacy-drain.js, retold with a Writable that always
// asks to wait). Run: node test/twins/readable/stream2_readable_legacy_drain.js
'use strict';
const { Readable, Writable } = require('stream');
const { runTimed } = require('../duplex/common');

runTimed({
  always_wait(log) {
    const N = 256;
    let reads = 0, writes = 0;
    const r = new Readable({ read() { return ++reads === N ? r.push(null) : r.push(Buffer.alloc(1)); } });
    r.on('end', () => log('end'));
    const w = new Writable({ highWaterMark: 1, write(c, e, cb) { writes += c.length; process.nextTick(cb); } });
    w.on('finish', () => { log('finish'); log(writes); });
    r.pipe(w);
  },
}, 100);
