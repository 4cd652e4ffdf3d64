// Twin of spec/writable/writable_write_cb_error_spec.lua
// (test-stream-writable-write-cb-error.js): one case per `it`.
// Run: node test/twins/writable/writable_write_cb_error.js
'use strict';
const { Writable } = require('stream');
const { runTimed, watch, errText } = require('../duplex/common');

runTimed({
  sync_error(log) {
    const w = new Writable({ write(b, e, cb) { log('write'); cb(new Error('x')); } });
    watch(w, log, ['error', 'close']);
    w.write('hi', (e) => log('cb:' + errText(e)));
    log('sync');
  },
  async_error(log) {
    const w = new Writable({ write(b, e, cb) { log('write'); process.nextTick(cb, new Error('x')); } });
    watch(w, log, ['error', 'close']);
    w.write('hi', (e) => log('cb:' + errText(e)));
  },
  stops_write_loop(log) {
    const w = new Writable({ write(b, e, cb) { log('write'); cb(new Error('x')); } });
    watch(w, log, ['error']);
    let cnt = 0;
    while (w.write('a')) {
      cnt++;
      if (cnt > 10) break;
    }
    log('cnt=' + cnt);
  },
}, 50);
