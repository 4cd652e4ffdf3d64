// Twin of spec/writable/writable_end_multiple_spec.lua
// (test-stream-writable-end-multiple.js). Run: node test/twins/writable/writable_end_multiple.js
'use strict';
const { Writable } = require('stream');
const { runTimed, watch, errText } = require('../duplex/common');

runTimed({
  end_multiple(log) {
    const w = new Writable();
    w._write = (c, e, cb) => { log('write'); setTimeout(cb, 10); };
    w.end('testing ended state', (e) => log('end1:' + errText(e)));
    w.end((e) => log('end2:' + errText(e)));
    w.on('finish', () => { log('finish'); w.end((err) => log('end3:' + errText(err))); });
    watch(w, log, ['close']);
  },
}, 50);
