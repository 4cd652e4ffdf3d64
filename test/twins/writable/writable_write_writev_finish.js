// Twin of spec/writable/writable_write_writev_finish_spec.lua
// (test-stream-writable-write-writev-finish.js): one case per `it`.
// Run: node test/twins/writable/writable_write_writev_finish.js
'use strict';
const { Writable, Readable } = require('stream');
const { runTimed, watch } = require('../duplex/common');

const E = (m) => new Error(m);
const cases = {
  sync_write_error(log) {
    const w = new Writable();
    w._write = (c, e, cb) => cb(E('write test error'));
    watch(w, log, ['finish', 'prefinish', 'error', 'close']);
    w.end('test');
  },
  async_write_error(log) {
    const w = new Writable();
    w._write = (c, e, cb) => setImmediate(cb, E('write test error'));
    watch(w, log, ['finish', 'prefinish', 'error', 'close']);
    w.end('test');
  },
  sync_writev_error(log) {
    const w = new Writable();
    w._write = (c, e, cb) => cb(E('write test error'));
    w._writev = (c, cb) => cb(E('writev test error'));
    watch(w, log, ['finish', 'prefinish', 'error', 'close']);
    w.cork();
    w.write('test');
    setImmediate(() => { log('imm'); w.end('test'); });
  },
  async_writev_error(log) {
    const w = new Writable();
    w._write = (c, e, cb) => setImmediate(cb, E('write test error'));
    w._writev = (c, cb) => setImmediate(cb, E('writev test error'));
    watch(w, log, ['finish', 'prefinish', 'error', 'close']);
    w.cork();
    w.write('test');
    setImmediate(() => { log('imm'); w.end('test'); });
  },
};
for (const async of [true, false]) {
  cases['piped_' + (async ? 'async' : 'sync') + '_write_error'] = (log) => {
    const rs = new Readable();
    rs.push('ok');
    rs.push(null);
    rs._read = () => {};
    const ws = new Writable();
    watch(ws, log, ['finish', 'error', 'close']);
    ws._write = (c, e, done) => {
      log('write:' + c);
      if (async) setImmediate(done, E('x')); else done(E('x'));
    };
    rs.pipe(ws);
  };
}
Object.assign(cases, {
  write_in_prefinish(log) {
    const w = new Writable();
    w._write = (c, e, cb) => process.nextTick(cb);
    watch(w, log, ['error', 'close', 'finish']);
    w.on('prefinish', () => {
      log('prefinish');
      w.write("shouldn't write in prefinish listener", (e) => log('cb:' + (e ? e.code : 'nil')));
    });
    w.end();
  },
  write_in_finish(log) {
    const w = new Writable();
    w._write = (c, e, cb) => process.nextTick(cb);
    watch(w, log, ['error', 'close']);
    w.on('finish', () => {
      log('finish');
      w.write("shouldn't write in finish listener", (e) => log('cb:' + (e ? e.code : 'nil')));
    });
    w.end();
  },
});
runTimed(cases, 50);
