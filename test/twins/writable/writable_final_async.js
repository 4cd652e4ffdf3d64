// Twin of spec/writable/writable_final_async_spec.lua
// (test-stream-writable-final-async.js): one case per `it`.
// Run: node test/twins/writable/writable_final_async.js
'use strict';
const { Writable, Duplex } = require('stream');
const { runTimed, watch, errText } = require('../duplex/common');

const final = (log) => (cb) => { log('final'); setTimeout(() => { log('final-done'); cb(); }, 1); };
runTimed({
  writable(log) {
    const w = new Writable({ final: final(log), write(c, e, cb) { log('write'); cb(); } });
    w.end('test', (e) => log('endcb:' + errText(e)));
    watch(w, log, ['error', 'prefinish', 'finish', 'close']);
  },
  duplex(log) {
    const d = new Duplex({ final: final(log), write(c, e, cb) { log('write'); cb(); }, read() {} });
    d.end('test', (e) => log('endcb:' + errText(e)));
    watch(d, log, ['error', 'finish']);
  },
}, 30);
