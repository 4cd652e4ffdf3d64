// Twin of spec/writable/writable_write_cb_twice_spec.lua
// (test-stream-writable-write-cb-twice.js): one case per mode.
// Run: node test/twins/writable/writable_write_cb_twice.js
'use strict';
const { Writable } = require('stream');
const { runTimed, watch, errText } = require('../duplex/common');

const cases = {};
for (const mode of ['sync_sync', 'sync_async', 'async_async']) {
  cases[mode] = (log) => {
    const w = new Writable({ write(b, e, cb) {
      log('write');
      if (mode === 'sync_sync') { cb(); cb(); } else if (mode === 'sync_async') { cb(); process.nextTick(() => cb()); } else { process.nextTick(cb); process.nextTick(() => cb()); }
    } });
    w.write('hi', (e) => log('cb:' + errText(e)));
    watch(w, log, ['error', 'close']);
  };
}
runTimed(cases, 30);
