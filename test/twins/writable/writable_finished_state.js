// Twin of spec/writable/writable_finished_state_spec.lua
// (test-stream-writable-finished-state.js). Run: node test/twins/writable/writable_finished_state.js
'use strict';
const { Writable } = require('stream');
const { runTimed, watch, errText } = require('../duplex/common');

runTimed({
  finished_flips(log) {
    const w = new Writable();
    w._write = (c, e, cb) => { log(String(w.writableFinished)); cb(); };
    w.on('finish', () => log('finish:' + w.writableFinished));
    w.end('testing finished state', () => log('cb:' + w.writableFinished));
  },
}, 30);
