// Twin of spec/duplex/allow_half_open_spec.lua (Node's duplex.js and
// readable.js, endReadableNT -> endWritableNT): one case per `it`.
// Run: node test/twins/duplex/allow_half_open.js
'use strict';
const { Duplex, Transform } = require('stream');
const { runTimed, watch } = require('./common');

const EV = ['end', 'prefinish', 'finish', 'close', 'error'];
const noop = () => {};
const writeOk = (c, e, cb) => cb();
runTimed({
  waits_for_pending_writes(log) {
    const d = new Duplex({ allowHalfOpen: false, read: noop, write(c, e, cb) {
      log('write:' + c);
      setTimeout(cb, 5);
    } });
    watch(d, log, EV);
    d.write('a');
    d.write('b');
    d.push(null);
    d.resume();
  },
  transform_pushes_null(log) {
    const t = new Transform({ allowHalfOpen: false, transform(c, e, cb) {
      log('t:' + c);
      if (String(c) === 'stop') this.push(null); else this.push(c);
      cb();
    } });
    watch(t, log, EV);
    t.on('data', (c) => log('data:' + c));
    t.write('a');
    t.write('stop');
    log(t.write('after'));
  },
  default_keeps_writable(log) {
    const d = new Duplex({ read: noop, write(c, e, cb) { log('write:' + c); cb(); } });
    watch(d, log, EV);
    d.push(null);
    d.resume();
    d.on('end', () => process.nextTick(() => {
      log('writable:' + d.writable);
      d.write('late');
      d.end();
    }));
  },
  after_user_end(log) {
    const d = new Duplex({ allowHalfOpen: false, read: noop, write: writeOk });
    watch(d, log, EV);
    d.end('x');
    d.push(null);
    d.resume();
  },
  no_auto_destroy(log) {
    const d = new Duplex({ allowHalfOpen: false, autoDestroy: false, read: noop, write: writeOk });
    watch(d, log, EV);
    d.push(null);
    d.resume();
    setTimeout(() => log('destroyed:' + d.destroyed + ':' + d.writableFinished), 10);
  },
}, 50);
