// Twin of spec/finished_spec.lua (test-stream-finished.js retold as logs),
// with node v20: each case prints the log its spec asserts. The spec's
// `_state().w` is Node's _writableState. Run: node test/twins/finished/finished.js
'use strict';
const EventEmitter = require('events');
const { Readable, Writable, Duplex, Transform, PassThrough, finished } = require('stream');
const { errText, run } = require('../duplex/common');

const closedCases = (name, factory) => ({
  ['closed_' + name + '_cancelled'](log) {
    const s = factory();
    s.destroy();
    const dispose = finished(s, () => log('cb'));
    dispose();
  },
  ['closed_' + name + '_destroyed'](log) {
    const s = factory();
    s.destroy();
    finished(s, (err) => log('cb', errText(err)));
  },
  ['closed_' + name + '_async_destroy'](log) {
    let destroyed = false;
    const s = factory({ destroy(err, cb) { setImmediate(() => { destroyed = true; cb(); }); } });
    s.destroy();
    finished(s, (err) => log('cb', errText(err), destroyed));
  },
  ['closed_' + name + '_no_emit_close'](log) {
    const s = factory({ emitClose: false, destroy(err, cb) {
      cb();
      finished(s, (err2) => log('cb', errText(err2)));
    } });
    s.destroy();
  },
  ['closed_' + name + '_deep_async'](log) {
    const s = factory({ destroy(err, cb) {
      setImmediate(() => {
        cb();
        setImmediate(() => finished(s, (err2) => log('cb', errText(err2))));
      });
    } });
    s.destroy();
  },
});

run({
  readable_end(log) {
    const rs = new Readable({ read() {} });
    finished(rs, (err) => log('cb', errText(err)));
    rs.push(null);
    rs.resume();
  },
  writable_finish(log) {
    const ws = new Writable({ write(c, e, cb) { cb(); } });
    finished(ws, (err) => log('cb', errText(err)));
    ws.end();
  },
  transform_both(log) {
    const tr = new Transform({ transform(c, e, cb) { cb(); } });
    tr.on('end', () => log('end'));
    tr.on('finish', () => log('finish'));
    finished(tr, (err) => log('cb', errText(err)));
    tr.end();
    tr.resume();
  },
  close_after_eof(log) {
    const rs = new Readable({ read() {} });
    finished(rs, (err) => log('cb', errText(err)));
    rs.push(null);
    rs.emit('close');
    rs.resume();
  },
  close_before_eof(log) {
    const rs = new Readable({ read() {} });
    finished(rs, (err) => log('cb', errText(err)));
    rs.emit('close');
    rs.push(null);
    rs.resume();
  },
  null_options(log) {
    const rs = new Readable({ read() {} });
    finished(rs, null, (e) => log('cb', errText(e)));
    rs.push(null);
    rs.resume();
  },
  remove_writable(log) {
    const ws = new Writable({ write(c, e, cb) { cb(); } });
    const remove = finished(ws, () => log('cb'));
    remove();
    ws.on('finish', () => log('finish'));
    ws.end();
  },
  remove_readable(log) {
    const rs = new Readable({ read() {} });
    const remove = finished(rs, () => log('cb'));
    remove();
    rs.emit('close');
    rs.push(null);
    rs.resume();
  },
  destroy_pending_write(log) {
    const w = new Writable({ write(c, e, cb) { setImmediate(cb); } });
    finished(w, (err) => log('cb', errText(err)));
    w.end('asd');
    w.destroy();
  },
  ...closedCases('Readable', (opts = {}) => new Readable({ ...opts, read() {} })),
  ...closedCases('Writable', (opts = {}) => new Writable({ ...opts, write() {} })),
  no_auto_destroy_finished(log) {
    const w = new Writable({ write(c, e, cb) { cb(); }, autoDestroy: false });
    w.end('asd');
    process.nextTick(() => finished(w, (err) => log('cb', errText(err))));
  },
  no_auto_destroy_errored(log) {
    const e = new Error('x');
    const w = new Writable({ write(c, enc, cb) { cb(e); }, autoDestroy: false });
    w.write('asd');
    w.on('error', () => finished(w, (err) => log('cb', err === e)));
  },
  no_auto_destroy_ended(log) {
    const r = new Readable({ read() {}, autoDestroy: false });
    r.push(null);
    r.resume();
    r.on('end', () => finished(r, (err) => log('cb', errText(err))));
  },
  writable_state_no_write(log) {
    const d = new EventEmitter();
    const ws = { finished: true };
    d._writableState = ws;
    finished(d, { readable: false, writable: true }, (err) => log('cb', errText(err)));
    ws.errored = true;
    d.emit('close');
  },
  destroy_buffered(log) {
    const r = new Readable({ read() {} });
    finished(r, (err) => log('cb', errText(err)));
    r.push('asd');
    r.push(null);
    r.destroy();
  },
  duplex_readable_before_end(log) {
    const d = new Duplex({ final() {}, read() { this.push(null); } });
    d.on('end', () => log('end'));
    finished(d, { readable: true, writable: false }, (err) => log('cb', errText(err)));
    d.end();
    d.resume();
  },
  duplex_readable_after_end(log) {
    const d = new Duplex({ final() {}, read() { this.push(null); } });
    d.on('end', () => log('end'));
    d.end();
    finished(d, { readable: true, writable: false }, (err) => log('cb', errText(err)));
    d.resume();
  },
  unread_passthrough(log) {
    const p = new PassThrough();
    p.end();
    finished(p, () => log('cb'));
  },
  unread_passthrough_after_finish(log) {
    const p = new PassThrough();
    p.end();
    p.on('finish', () => {
      log('finish');
      finished(p, () => log('cb'));
    });
  },
  aborted_field(log) {
    const w = new Writable({ write(c, e, cb) { process.nextTick(cb); } });
    w.aborted = false;
    w.end();
    let closed = false;
    w.on('finish', () => { log('finish', closed); w.emit('aborted'); });
    w.on('close', () => { closed = true; log('close'); });
    finished(w, (err) => log('cb', errText(err), closed));
  },
  destroy_err_again(log) {
    const w = new Writable({ write() {} });
    const e = new Error('E');
    w.destroy(e);
    finished(w, (err) => {
      log('cb', err === e, w.closed);
      finished(w, (err2) => log('cb2', err2 === e));
    });
  },
  destroy_again(log) {
    const w = new Writable({ write() {} });
    w.destroy();
    finished(w, (err) => {
      log('cb', errText(err), w.closed);
      finished(w, (err2) => log('cb2', errText(err2)));
    });
  },
  legacy_never(log) {
    const s = new EventEmitter();
    s.pipe = (dest) => dest;
    finished(s, () => log('cb'));
  },
  legacy_emitters(log) {
    const writableLike = () => {
      const s = new EventEmitter();
      s.write = () => true;
      return s;
    };
    const a = writableLike();
    finished(a, (e) => log('A', errText(e)));
    a.emit('finish');
    const b = writableLike();
    finished(b, (e) => log('B', errText(e)));
    b.emit('end');
    const c = writableLike();
    c.writable = true;
    finished(c, (e) => log('C', errText(e)));
    c.emit('end');
    log('C after end');
    c.writable = false;
    c.emit('close');
    const d = writableLike();
    finished(d, (e) => log('D', errText(e)));
    d.emit('error', new Error('x'));
    const e = new EventEmitter();
    e.pipe = () => {};
    finished(e, (err) => log('E', errText(err)));
    e.emit('close');
  },
  readable_false_pending_cb(log) {
    let isCalled = false;
    const s = new Duplex({
      read() {},
      write(c, e, cb) { setImmediate(() => { isCalled = true; cb(); }); },
    });
    s.end('foo');
    finished(s, { readable: false }, (err) => {
      log('cb', errText(err), isCalled, s._writableState.pendingcb);
    });
  },
});
