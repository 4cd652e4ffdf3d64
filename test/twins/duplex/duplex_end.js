// Twin of spec/duplex/duplex_end_spec.lua (test-stream-duplex-end.js): one
// case per `it`; 'end', 'finish', 'close' and 'error' logged by name.
// Run: node test/twins/duplex/duplex_end.js
'use strict';
const { Duplex } = require('stream');
const { runTimed, watch } = require('./common');

const ALL = ['end', 'finish', 'close', 'error'];
const noop = () => {};
runTimed({
  half_open_default(log) {
    const s = new Duplex({ read: noop });
    log(s.allowHalfOpen); log(s.listenerCount('end'));
    watch(s, log, ALL);
    s.resume();
    s.push(null);
  },
  half_open_false(log) {
    const s = new Duplex({ read: noop, allowHalfOpen: false });
    log(s.allowHalfOpen); log(s.listenerCount('end'));
    watch(s, log, ALL);
    s.resume();
    s.push(null);
  },
  writable_already_ended(log) {
    const s = new Duplex({ read: noop, write(c, e, cb) { cb(); }, allowHalfOpen: false });
    watch(s, log, ALL);
    s.end();
    s.resume();
    s.push(null);
  },
}, 50);
