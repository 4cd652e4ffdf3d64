// Twin of spec/pipe/events_prepend_spec.lua (test-stream-events-prepend.js): one case per `it`.
// Run: node test/twins/pipe/events_prepend.js
'use strict';
const stream = require('stream');
const { Readable, Writable, Duplex, Transform, PassThrough } = stream;
const { runTimed, errText } = require('../duplex/common');
function W(log) {
  const w = new Writable({ write(c, e, cb) { cb(); } });
  w.prependListener = undefined;
  return w;
}

runTimed({
  pipe(log) {
    const w = W();
    w.on('pipe', () => log('pipe'));
    w.on('finish', () => log('finish'));
    const r = new Readable({ read() { this.push(null); } });
    r.pipe(w);
    log(w.listenerCount('error'));
  },
  error_first(log) {
    const w = W();
    w.on('error', (e) => log('user error', errText(e), 'unpiped', w.listenerCount('unpipe')));
    w.on('unpipe', () => log('unpipe'));
    const r = new Readable({ read() {} });
    r.pipe(w);
    log(w.listenerCount('error'), w.listeners('error').length);
    w.emit('error', new Error('x'));
    log(w.listenerCount('error'), r.readableFlowing);
  },
});
