// Twin of spec/readable/readable_readable_spec.lua
// (test-stream-readable-readable.js): one case per `it`.
// Run: node test/twins/readable/readable_readable.js
'use strict';
const { Readable } = require('stream');
const { runTimed } = require('../duplex/common');

runTimed({
  after_destroy(log) {
    const r = new Readable({ read() {} });
    log(r.readable);
    r.destroy();
    log(r.readable);
  },
  until_end(log) {
    const r = new Readable({ read() {} });
    log(r.readable);
    r.resume();
    r.push(null);
    log(r.readable);
    r.on('end', () => { log('end'); log(r.readable); });
  },
  destroyed_from_tick(log) {
    const r = new Readable({ read() {
      log('_read');
      process.nextTick(() => { r.destroy('x'); log(r.readable); });
    } });
    r.resume();
    r.on('error', () => { log('error'); log(r.readable); });
  },
}, 30);
