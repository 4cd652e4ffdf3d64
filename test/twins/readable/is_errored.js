// Twin of spec/readable/is_errored_timing_spec.lua: stream.isErrored turns
// true once a stream's 'error' has been emitted (its errorEmitted), not when
// the stream is destroyed with the error, and not for an 'error' emitted by
// hand. Each case logs isErrored right after the call, in the 'error'
// listener and a tick later.
// Run: node test/twins/readable/is_errored.js
'use strict';
const { Readable, Writable, Duplex, isErrored } = require('stream');
const { run } = require('../duplex/common');

const follow = (s, log) => {
  s.on('error', (e) => log('error', e.code || e.message, isErrored(s)));
  s.on('close', () => log('close', isErrored(s)));
};

run({
  readable_destroy(log) {
    const r = new Readable({ read() {} });
    follow(r, log);
    r.destroy(new Error('r'));
    log('after destroy', isErrored(r), r.errored.message);
  },
  writable_write_error(log) {
    const w = new Writable({ write(c, e, cb) { cb(new Error('w')); } });
    follow(w, log);
    w.write('a');
    log('after write', isErrored(w), w.errored.message);
  },
  duplex_destroy(log) {
    const d = new Duplex({ read() {}, write(c, e, cb) { cb(); } });
    follow(d, log);
    d.destroy(new Error('d'));
    log('after destroy', isErrored(d));
  },
  no_autodestroy(log) {
    const r = new Readable({ autoDestroy: false, read() {} });
    follow(r, log);
    r.push(5);
    log('after push', isErrored(r), r.destroyed);
    setImmediate(() => log('later', isErrored(r), r.destroyed));
  },
  emit_by_hand(log) {
    const r = new Readable({ read() {} });
    follow(r, log);
    r.emit('error', new Error('hand'));
    log('after emit', isErrored(r), r.errored);
  },
});
