// Twin of spec/writable/writable_aborted_spec.lua
// (test-stream-writable-aborted.js): one case per `it`.
// Run: node test/twins/writable/writable_aborted.js
'use strict';
const { Writable } = require('stream');
const { runTimed } = require('../duplex/common');

runTimed({
  destroy_before_end(log) {
    const w = new Writable({ write() {} });
    const a = w.writableAborted;
    w.destroy();
    setTimeout(() => { log(a); log(w.writableAborted); }, 10);
  },
  destroy_after_end(log) {
    const w = new Writable({ write() {} });
    const a = w.writableAborted;
    w.end();
    w.destroy();
    setTimeout(() => { log(a); log(w.writableAborted); }, 10);
  },
  finished_not_aborted(log) {
    const w = new Writable({ write(c, e, cb) { cb(); } });
    w.end();
    w.on('close', () => log('close aborted=' + w.writableAborted));
  },
}, 30);
