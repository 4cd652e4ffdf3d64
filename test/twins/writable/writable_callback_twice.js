// Twin of spec/writable/writable_callback_twice_spec.lua
// (test-stream-writable-callback-twice.js). Run: node test/twins/writable/writable_callback_twice.js
'use strict';
const { Writable } = require('stream');
const { runTimed, watch, errText } = require('../duplex/common');

runTimed({
  cb_twice(log) {
    const w = new Writable({ write(c, e, cb) { cb(); cb(); } });
    watch(w, log, ['error', 'close']);
    w.write('foo');
  },
}, 30);
