// Twin of spec/writable/writable_final_destroy_spec.lua
// (test-stream-writable-final-destroy.js; the spec calls back from a tick
// where Node's test uses queueMicrotask: here as the spec does).
// Run: node test/twins/writable/writable_final_destroy.js
'use strict';
const { Writable } = require('stream');
const { runTimed, watch, errText } = require('../duplex/common');

runTimed({
  destroy_during_final(log) {
    const w = new Writable({ write(c, e, cb) { cb(null); }, final(cb) { log('final'); process.nextTick(cb); } });
    w.end();
    w.destroy();
    watch(w, log, ['prefinish', 'finish', 'close', 'error']);
  },
}, 30);
