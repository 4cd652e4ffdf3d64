// Twin of spec/writable/write_drain_spec.lua (test-stream-write-drain.js).
// Run: node test/twins/writable/write_drain.js
'use strict';
const { Writable } = require('stream');
const { runTimed, watch, errText } = require('../duplex/common');

runTimed({
  no_drain_once_ended(log) {
    const w = new Writable({ write(d, e, cb) { log('write'); process.nextTick(cb); }, highWaterMark: 1 });
    watch(w, log, ['drain', 'finish']);
    log('ret=' + w.write('asd'));
    w.end();
  },
}, 30);
