// Twin of spec/writable/destroy_event_order_spec.lua (test-stream-destroy-
// event-order.js's Writable cases retold as logs), with node v20: each case
// prints the log its spec asserts. Run: node test/twins/writable/destroy_event_order.js
'use strict';
const { Writable } = require('stream');
const { errText, on, writeOk, run } = require('../duplex/common');


run({
  error_before_close(log) {
    const w = new Writable({ write: writeOk });
    on(w, log, 'close', 'error');
    w.destroy(new Error('kaboom'));
    log('sync');
  },
  errored_write(log) {
    const w = new Writable({ write(c, e, cb) { cb(new Error('kaboom')); } });
    on(w, log, 'close', 'error', 'finish');
    w.write('x', (err) => log('cb:' + errText(err)));
    log('sync');
  },
  no_emit_close(log) {
    const w = new Writable({ emitClose: false, write: writeOk });
    on(w, log, 'close', 'error');
    w.destroy(new Error('kaboom'));
    process.nextTick(() => log('closed=' + w.closed));
  },
  no_auto_destroy_write_error(log) {
    const w = new Writable({ autoDestroy: false, write(c, e, cb) { cb(new Error('kaboom')); } });
    on(w, log, 'close', 'error');
    w.write('x');
    setImmediate(() => log('destroyed=' + w.destroyed));
  },
  finish_then_close(log) {
    const w = new Writable({ write: writeOk });
    on(w, log, 'prefinish', 'finish', 'close');
    w.end('x');
    log('destroyed=' + w.destroyed);
    w.on('close', () => log('destroyed=' + w.destroyed));
  },
  no_auto_destroy_finish(log) {
    const w = new Writable({ autoDestroy: false, write: writeOk });
    on(w, log, 'prefinish', 'finish', 'close');
    w.end('x');
    setImmediate(() => log('destroyed=' + w.destroyed));
  },
});
