// Twin of spec/writable/writable_writable_spec.lua
// (test-stream-writable-writable.js): one case per `it`.
// Run: node test/twins/writable/writable_writable.js
'use strict';
const { Writable } = require('stream');
const { runTimed, watch } = require('../duplex/common');

runTimed({
  destroy_clears(log) {
    const w = new Writable({ write() {} });
    log(w.writable);
    w.destroy();
    log(w.writable);
  },
  sync_error_clears(log) {
    const w = new Writable({ write(c, e, cb) { cb(new Error('x')); } });
    log(w.writable);
    w.write('asd');
    log(w.writable);
    watch(w, log, ['error']);
  },
  async_error_clears(log) {
    const w = new Writable({ write(c, e, cb) {
      process.nextTick(() => { cb(new Error('x')); log('after cb writable=' + w.writable); });
    } });
    w.write('asd');
    watch(w, log, ['error']);
  },
  end_clears(log) {
    const w = new Writable({ write() { log('WRITE!'); } });
    log(w.writable);
    w.end();
    log(w.writable);
  },
}, 30);
