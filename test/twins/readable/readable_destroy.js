// Twin of spec/readable/readable_destroy_spec.lua (test-stream-readable-destroy.js
// retold as logs), with node v20: each case prints the log its spec asserts.
// put(...) logs each argument as an entry; ev(r, put, names) logs the named
// events, 'error' as error:<code or message or the value>; null as "null".
// Run: node test/twins/readable/readable_destroy.js
'use strict';
const { Readable } = require('stream');
const { run } = require('../duplex/common');

const mk = (log) => (...a) => { for (const x of a) log(x); };
const nullstr = (x) => (x == null ? 'null' : String(x));
const ev = (r, put, ...names) => {
  for (const n of names) {
    r.on(n, (a) => {
      if (n === 'error') put('error:' + (a && typeof a === 'object' ? (a.code || a.message) : a));
      else put(n);
    });
  }
};

run({
  destroy_close_next_tick(log) {
    const put = mk(log);
    const r = new Readable({ read() {} });
    r.resume();
    ev(r, put, 'end', 'close', 'error');
    r.destroy();
    put(r.destroyed, 'sync');
  },
  destroy_err(log) {
    const put = mk(log);
    const r = new Readable({ read() {} });
    r.resume();
    const expected = new Error('kaboom');
    r.on('end', () => put('end'));
    r.on('close', () => put('close'));
    r.on('error', (e) => put('error', e === expected, r.errored === expected));
    r.destroy(expected);
    put(r.destroyed, 'sync');
  },
  destroy_option_passes_error(log) {
    const put = mk(log);
    const expected = new Error('kaboom');
    const r = new Readable({
      read() {},
      destroy(err, cb) { put('_destroy', err === expected); cb(err); },
    });
    r.on('end', () => put('end'));
    r.on('close', () => put('close'));
    r.on('error', (e) => put('error', e === expected));
    r.destroy(expected);
    put(r.destroyed, 'sync');
  },
  destroy_option_swallows(log) {
    const put = mk(log);
    const expected = new Error('kaboom');
    const r = new Readable({
      read() {},
      destroy(err, cb) { put('_destroy', err === expected); cb(); },
    });
    ev(r, put, 'end', 'close', 'error');
    r.destroy(expected);
    put(r.destroyed, 'sync');
  },
  destroy_nil_error(log) {
    const put = mk(log);
    const r = new Readable({
      read() {},
      destroy(err, cb) { put('_destroy', nullstr(err)); cb(); },
    });
    ev(r, put, 'end', 'close', 'error');
    r.destroy();
    put(r.destroyed, 'sync');
  },
  push_null_in_async_destroy(log) {
    const put = mk(log);
    const r = new Readable({
      read() {},
      destroy(err, cb) {
        put('_destroy');
        process.nextTick(() => { this.push(null); cb(); });
      },
    });
    r.resume();
    ev(r, put, 'close', 'error');
    const fail = () => put('end-fail');
    r.on('end', fail);
    r.destroy();
    r.removeListener('end', fail);
    r.on('end', () => put('end'));
    put(r.destroyed, 'sync');
  },
  destroy_cb_error_next_tick(log) {
    const put = mk(log);
    const expected = new Error('kaboom');
    const r = new Readable({
      read() {},
      destroy(err, cb) { put('_destroy', nullstr(err)); cb(expected); },
    });
    r.on('end', () => put('end'));
    r.on('error', (e) => put('error', e === expected, r.errored === expected));
    r.on('close', () => put('close'));
    r.destroy();
    put(r.destroyed, r.errored === expected, 'sync');
  },
  destroy_err_while_pending(log) {
    const put = mk(log);
    const r = new Readable({
      read() {},
      destroy(err, cb) { put('_destroy'); process.nextTick(cb, 'kaboom 1'); },
    });
    r.on('close', () => put('close'));
    r.on('error', (e) => put('error:' + String(e)));
    r.destroy();
    put(r.destroyed, nullstr(r.errored));
    r.destroy('kaboom 2');
    put(nullstr(r.errored), 'sync');
  },
  push_after_destroy(log) {
    const put = mk(log);
    const r = new Readable({ read() {} });
    r.destroy();
    put(r.push('hi'));
    r.on('data', () => put('data'));
    ev(r, put, 'close', 'error');
  },
  read_after_destroy(log) {
    const put = mk(log);
    const r = new Readable({ read() { put('_read'); } });
    r.destroy();
    put(r.destroyed, nullstr(r.read()));
    ev(r, put, 'close', 'error');
  },
  second_destroy(log) {
    const put = mk(log);
    const r = new Readable({
      read() {},
      destroy(err, cb) { put('_destroy'); cb(err); },
    });
    ev(r, put, 'close', 'error');
    r.destroy('a');
    r.destroy('b');
    put('sync');
  },
  no_emit_close(log) {
    const put = mk(log);
    const r = new Readable({ read() {}, emitClose: false });
    ev(r, put, 'close', 'error');
    r.destroy();
    put(r.destroyed, r.closed);
    setImmediate(() => put('imm', r.closed));
  },
  closed_flag(log) {
    const put = mk(log);
    const r = new Readable({ read() {} });
    r.on('close', () => put('close', r.closed));
    put(r.closed);
    r.destroy();
    put(r.closed);
  },
});
