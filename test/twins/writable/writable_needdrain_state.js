// Twin of spec/writable/writable_needdrain_state_spec.lua
// (test-stream-writable-needdrain-state.js): one case per `it`.
// Run: node test/twins/writable/writable_needdrain_state.js
'use strict';
const { Writable, Transform } = require('stream');
const { runTimed, watch } = require('../duplex/common');

runTimed({
  sync_write(log) {
    const w = new Writable({ highWaterMark: 1, write(c, e, cb) { log('write nd=' + w.writableNeedDrain); cb(); } });
    log('nd=' + w.writableNeedDrain);
    log('ret=' + w.write('asdasd', () => log('cb nd=' + w.writableNeedDrain)));
    log('nd=' + w.writableNeedDrain);
    watch(w, log, ['drain']);
  },
  transform(log) {
    const t = new Transform({ highWaterMark: 1, transform(c, e, cb) { log('transform nd=' + t.writableNeedDrain); cb(); } });
    log('nd=' + t.writableNeedDrain);
    t.write('asdasd', () => log('cb nd=' + t.writableNeedDrain));
    log('nd=' + t.writableNeedDrain);
  },
  pending_over_hwm(log) {
    const w = new Writable({ highWaterMark: 5, write(c, e, cb) { log('write:' + c); setTimeout(cb, 2); } });
    w.on('drain', () => log(`drain len=${w.writableLength} nd=${w.writableNeedDrain}`));
    log('ret=' + w.write('abc'));
    log('ret=' + w.write('def'));
    log(`len=${w.writableLength} nd=${w.writableNeedDrain}`);
  },
}, 50);
