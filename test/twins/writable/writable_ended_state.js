// Twin of spec/writable/writable_ended_state_spec.lua
// (test-stream-writable-ended-state.js). Run: node test/twins/writable/writable_ended_state.js
'use strict';
const { Writable } = require('stream');
const { runTimed, watch, errText } = require('../duplex/common');

runTimed({
  ended_state(log) {
    const w = new Writable();
    w._write = (c, e, cb) => { log(`write ended=${w.writableEnded} writable=${w.writable}`); cb(); };
    log(`ended=${w.writableEnded} writable=${w.writable}`);
    const r = w.end('testing ended state', () => log(`endcb ended=${w.writableEnded} writable=${w.writable}`));
    log(`self=${r === w} ended=${w.writableEnded} writable=${w.writable}`);
  },
}, 30);
