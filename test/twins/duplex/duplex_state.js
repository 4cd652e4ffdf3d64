// Twin of spec/duplex/duplex_state_spec.lua: Node's Duplex getters through
// end, finish and close. Run: node test/twins/duplex/duplex_state.js
'use strict';
const { Duplex } = require('stream');
const { runTimed } = require('./common');

runTimed({
  state(log) {
    const d = new Duplex({ read() {}, write(c, e, cb) { cb(); } });
    const put = (...a) => a.forEach((x) => log(x));
    put(d.readable, d.writable, d.readableEnded, d.writableEnded, d.writableFinished);
    d.end();
    put(d.writable, d.writableEnded, d.writableFinished);
    d.push(null);
    d.resume();
    d.on('end', () => put('end', d.readable, d.readableEnded));
    d.on('finish', () => put('finish', d.writable, d.writableFinished));
    d.on('close', () => put('close', d.readable, d.writable, d.destroyed, d.closed));
  },
}, 30);
