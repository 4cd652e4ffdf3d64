// Twin of spec/duplex/duplex_destroy_spec.lua (test-stream-duplex-destroy.js
// retold as logs), with node v20: each case prints the log its spec asserts.
// record(d, put) logs 'end', 'finish', 'close' and 'error' (as
// error:<code or message or the value>), as helper.record does.
// Run: node test/twins/duplex/duplex_destroy.js
'use strict';
const { Duplex } = require('stream');
const { run } = require('./common');

const mk = (log) => (...a) => { for (const x of a) log(x); };
const text = (e) => (e == null ? 'null' : typeof e === 'object' ? (e.code || e.message) : String(e));
const record = (s, put) => {
  for (const n of ['end', 'finish', 'close', 'error']) {
    if (n === 'error') s.on('error', (e) => put('error:' + text(e)));
    else s.on(n, () => put(n));
  }
};
const writeOk = (c, e, cb) => cb();
const noop = () => {};

run({
  destroy_close_only(log) {
    const put = mk(log);
    const d = new Duplex({ write: writeOk, read: noop });
    d.resume();
    record(d, put);
    d.destroy();
    put(d.destroyed);
  },
  destroy_err(log) {
    const put = mk(log);
    const d = new Duplex({ write: writeOk, read: noop });
    d.resume();
    record(d, put);
    d.destroy(new Error('kaboom'));
    put(d.destroyed);
  },
  method_passes_error(log) {
    const put = mk(log);
    const d = new Duplex({ write: writeOk, read: noop });
    d._destroy = function(err, cb) { put('_destroy:' + text(err)); cb(err); };
    record(d, put);
    d.destroy('kaboom');
    put(d.destroyed);
  },
  option_swallows(log) {
    const put = mk(log);
    const d = new Duplex({
      write: writeOk, read: noop,
      destroy(err, cb) { put('_destroy:' + text(err)); cb(); },
    });
    d.resume();
    record(d, put);
    d.destroy('kaboom');
    put(d.destroyed);
  },
  destroy_nil_error(log) {
    const put = mk(log);
    const d = new Duplex({ write: writeOk, read: noop });
    d._destroy = function(err, cb) { put('_destroy:' + text(err)); cb(); };
    record(d, put);
    d.destroy();
    put(d.destroyed);
  },
  push_end_in_async_destroy(log) {
    const put = mk(log);
    const d = new Duplex({ write: writeOk, read: noop });
    d.resume();
    d._destroy = function(err, cb) {
      put('_destroy:' + text(err));
      process.nextTick(() => {
        this.push(null);
        this.end();
        put('cb');
        cb();
      });
    };
    const fail = () => put('fail');
    d.on('finish', fail);
    d.on('end', fail);
    d.destroy();
    d.removeListener('end', fail);
    d.removeListener('finish', fail);
    record(d, put);
    put(d.destroyed);
  },
  destroy_turned_error(log) {
    const put = mk(log);
    const d = new Duplex({ write: writeOk, read: noop });
    d._destroy = function(err, cb) { put('_destroy:' + text(err)); cb('kaboom'); };
    record(d, put);
    d.destroy();
    put(d.destroyed);
  },
  half_open_destroy(log) {
    const put = mk(log);
    const d = new Duplex({ write: writeOk, read: noop, allowHalfOpen: true });
    d.resume();
    record(d, put);
    d.destroy();
    put(d.destroyed);
  },
  subclass_init(log) {
    const put = mk(log);
    class MyDuplex extends Duplex {
      constructor() { super(); put(this.destroyed); }
    }
    new MyDuplex();
  },
  not_writable_auto_destroy(log) {
    const put = mk(log);
    const d = new Duplex({ writable: false, autoDestroy: true, write: writeOk, read: noop });
    record(d, put);
    d.push(null);
    d.resume();
  },
  not_readable_auto_destroy(log) {
    const put = mk(log);
    const d = new Duplex({ readable: false, autoDestroy: true, write: writeOk, read: noop });
    record(d, put);
    d.end();
  },
  no_half_open_end(log) {
    const put = mk(log);
    const d = new Duplex({ allowHalfOpen: false, autoDestroy: true, write: writeOk, read: noop });
    record(d, put);
    d.push(null);
    d.resume();
    d.on('end', () => {
      process.nextTick(() => put('tick after end:' + d.writableEnded));
    });
  },
  corked_write_destroyed(log) {
    const put = mk(log);
    const d = new Duplex({ read: noop, write: writeOk });
    record(d, put);
    d.cork();
    d.write('foo', (err) => put('cb:' + text(err)));
    d.destroy();
  },
});
