// Twin of spec/writable/construct_spec.lua (test-stream-construct.js's
// Writable cases retold as logs), with node v20: each case prints the log
// its spec asserts. Run: node test/twins/writable/construct.js
'use strict';
const { Writable } = require('stream');
const { errText, run } = require('../duplex/common');

const on = (s, log, ...names) => {
  for (const n of names) {
    if (n === 'error') s.on('error', (e) => log('error:' + errText(e)));
    else s.on(n, () => log(n));
  }
};
const pending = (log) => new Writable({
  write() { log('WRITE!'); },
  final() { log('FINAL!'); },
  construct(cb) {
    log('construct');
    process.nextTick(() => { log('constructed'); cb(); });
  },
});

run({
  construct_cb_twice(log) {
    const w = new Writable({ construct(cb) { log('construct'); cb(); cb(); } });
    on(w, log, 'error', 'close');
  },
  construct_sync_error(log) {
    const w = new Writable({ construct(cb) { log('construct'); cb(new Error('test')); } });
    on(w, log, 'error', 'close');
  },
  construct_async_error(log) {
    const w = new Writable({ construct(cb) { log('construct'); process.nextTick(cb, new Error('test')); } });
    on(w, log, 'error', 'close');
  },
  destroy_during_construct(log) {
    const s = pending(log);
    on(s, log, 'close', 'error');
    s.destroy();
    log('sync');
  },
  destroy_cb_during_construct(log) {
    const s = pending(log);
    on(s, log, 'close', 'error');
    s.destroy(null, (err) => log('cb:' + errText(err)));
    log('sync');
  },
  destroy_err_cb_during_construct(log) {
    const s = pending(log);
    on(s, log, 'close', 'error');
    s.destroy(new Error('kaboom'), (err) => log('cb:' + errText(err)));
    log('sync');
  },
  destroy_err_during_construct(log) {
    const s = pending(log);
    on(s, log, 'error', 'close');
    s.destroy(new Error('kaboom'));
    log('sync');
  },
  end_data_waits(log) {
    const w = new Writable({
      construct(cb) { log('construct'); process.nextTick(() => { log('constructed'); cb(); }); },
      write(c, e, cb) { log('write:' + c); process.nextTick(cb); },
      final(cb) { log('final'); process.nextTick(cb); },
    });
    on(w, log, 'prefinish', 'finish', 'close');
    w.end('data');
    log('sync');
  },
  end_waits(log) {
    const w = new Writable({
      construct(cb) { log('construct'); process.nextTick(() => { log('constructed'); cb(); }); },
      write() { log('WRITE!'); },
      final(cb) { log('final'); process.nextTick(cb); },
    });
    on(w, log, 'prefinish', 'finish', 'close');
    w.end();
    log('sync');
  },
  writes_buffered(log) {
    const w = new Writable({
      construct(cb) { log('construct'); setImmediate(() => { log('constructed'); cb(); }); },
      write(c, e, cb) { log('write:' + c); cb(); },
    });
    on(w, log, 'finish', 'close');
    log('ret=' + w.write('a', () => log('cb:a')));
    log('len=' + w.writableLength);
    w.write('b', () => log('cb:b'));
    w.end();
    log('sync');
  },
  construct_next_tick(log) {
    const w = new Writable({
      construct(cb) { log('construct'); cb(); },
      write(c, e, cb) { log('write:' + c); cb(); },
    });
    on(w, log, 'finish', 'close');
    w.write('a');
    log('sync');
    w.end();
  },
});
