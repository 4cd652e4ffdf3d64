// Twin of spec/writable/writable_destroy_spec.lua (test-stream-writable-destroy.js
// retold as logs), with node v20: each case prints the log its spec asserts.
// on(s, put, names) logs the named events, 'error' as error:<code or message>.
// Run: node test/twins/writable/writable_destroy.js
'use strict';
const { Writable } = require('stream');
const { errText, run } = require('../duplex/common');

const writeOk = (c, e, cb) => cb();
const on = (s, log, ...names) => {
  for (const n of names) {
    if (n === 'error') s.on('error', (e) => log('error:' + errText(e)));
    else s.on(n, () => log(n));
  }
};

run({
  destroy_close_not_finish(log) {
    const w = new Writable({ write: writeOk });
    on(w, log, 'finish', 'close');
    w.destroy();
    log('destroyed=' + w.destroyed);
  },
  destroy_in_write(log) {
    const w = new Writable({
      write(chunk, enc, cb) { log('write'); this.destroy(new Error('asd')); cb(); },
    });
    on(w, log, 'error', 'finish', 'close');
    w.end('asd');
    log('destroyed=' + w.destroyed);
  },
  destroy_err(log) {
    const w = new Writable({ write: writeOk });
    on(w, log, 'finish', 'close', 'error');
    w.destroy(new Error('kaboom'));
    log('destroyed=' + w.destroyed);
  },
  instance_destroy_passes_error(log) {
    const w = new Writable({ write: writeOk });
    w._destroy = function(err, cb) { log('_destroy:' + errText(err)); cb(err); };
    on(w, log, 'finish', 'close', 'error');
    w.destroy(new Error('kaboom'));
    log('destroyed=' + w.destroyed);
  },
  destroy_option_swallows(log) {
    const w = new Writable({
      write: writeOk,
      destroy(err, cb) { log('_destroy:' + errText(err)); cb(); },
    });
    on(w, log, 'finish', 'close', 'error');
    w.destroy(new Error('kaboom'));
    log('destroyed=' + w.destroyed);
  },
  destroy_nil_error(log) {
    const w = new Writable({ write: writeOk });
    w._destroy = function(err, cb) { log('_destroy:' + errText(err)); cb(); };
    on(w, log, 'close');
    w.destroy();
    log('destroyed=' + w.destroyed);
  },
  end_in_deferred_destroy(log) {
    const w = new Writable({ write: writeOk });
    w._destroy = function(err, cb) {
      log('_destroy:' + errText(err));
      process.nextTick(() => { this.end(); cb(); });
    };
    const fail = () => log('finish-removed');
    w.on('finish', fail);
    on(w, log, 'close');
    w.destroy();
    w.removeListener('finish', fail);
    on(w, log, 'finish', 'error');
    log('destroyed=' + w.destroyed);
  },
  destroy_turned_error(log) {
    const w = new Writable({ write: writeOk });
    w._destroy = function(err, cb) { log('_destroy:' + errText(err)); cb(new Error('kaboom')); };
    on(w, log, 'close', 'finish', 'error');
    w.destroy();
    log('destroyed=' + w.destroyed);
  },
  destroy_twice(log) {
    const w = new Writable({ write: writeOk });
    on(w, log, 'close', 'error');
    w.destroy(new Error('kaboom 1'));
    w.destroy(new Error('kaboom 2'));
    log('destroyed=' + w.destroyed);
  },
  destroy_again_before_cb(log) {
    const w = new Writable({
      destroy(err, cb) { log('_destroy:' + errText(err)); process.nextTick(cb, new Error('kaboom 1')); },
      write: writeOk,
    });
    on(w, log, 'close', 'error');
    w.destroy();
    log('destroyed=' + w.destroyed);
    w.destroy(new Error('kaboom 2'));
  },
  subclass_init(log) {
    class My extends Writable {
      constructor() { super(); log('destroyed=' + this.destroyed); }
    }
    new My();
  },
  destroy_destroyed_cb(log) {
    const w = new Writable({ write: writeOk });
    on(w, log, 'close', 'error');
    w.destroy();
    const r = w.destroy(new Error('kaboom'), (err) => log('cb:' + errText(err)));
    log('returns-self=' + (r === w));
  },
  write_after_destroy(log) {
    const w = new Writable();
    w.destroy();
    on(w, log, 'error', 'close');
    const r = w.write('asd', (err) => log('cb:' + errText(err)));
    log('ret=' + r);
  },
  corked_after_destroy(log) {
    const w = new Writable({ write(chunk, enc, cb) { log('write:' + chunk); cb(); } });
    on(w, log, 'error', 'close');
    w.cork();
    w.write('asd', (err) => log('cb1:' + errText(err)));
    w.uncork();
    w.cork();
    w.write('asd', (err) => log('cb2:' + errText(err)));
    w.destroy();
    w.write('asd', (err) => log('cb3:' + errText(err)));
    w.uncork();
    log('sync-end');
  },
  end_after_error_destroy(log) {
    const w = new Writable({ write(c, e, cb) { cb(new Error('asd')); } });
    w.on('error', (err) => {
      log('error:' + errText(err));
      w.destroy();
      w.end((e) => log('endcb:' + errText(e)));
      log('after-end');
    });
    on(w, log, 'close');
    w.write('asd');
  },
  end_after_finish_destroy(log) {
    const w = new Writable({ write: writeOk });
    w.on('finish', () => {
      log('finish');
      w.destroy();
      w.end((e) => log('endcb:' + errText(e)));
      log('after-end');
    });
    on(w, log, 'close');
    w.end();
  },
  end_then_destroy_err(log) {
    const w = new Writable({ write(c, e, cb) { process.nextTick(cb); } });
    w.once('error', (err) => log('error:' + errText(err)));
    on(w, log, 'close');
    w.end('asd', (e) => log('endcb:' + errText(e)));
    w.destroy(new Error('asd'));
  },
  buffered_cbs_error(log) {
    const w = new Writable({
      write(c, e, cb) { log('write'); process.nextTick(cb, new Error('asd')); },
      autoDestroy: false,
    });
    w.cork();
    w.write('asd', (err) => log('cb1:' + errText(err)));
    w.write('asd', (err) => log('cb2:' + errText(err)));
    on(w, log, 'error', 'close');
    w.uncork();
    process.nextTick(() => log('destroyed=' + w.destroyed));
  },
  cb_order_in_flight(log) {
    const w = new Writable({ write(c, e, cb) { log('write'); setImmediate(cb); } });
    w.write('asd', (err) => log('cb1:' + errText(err)));
    w.write('asd', (err) => log('cb2:' + errText(err)));
    on(w, log, 'error', 'close');
    w.destroy();
  },
  state_after_destroy_err(log) {
    const w = new Writable({ write: writeOk });
    on(w, log, 'error', 'close');
    const p = () => log('d=' + w.destroyed + ' c=' + w.closed + ' e=' + errText(w.errored) + ' w=' + w.writable);
    p();
    w.destroy(new Error('x'));
    p();
    w.on('close', p);
  },
  destroy_returns_self(log) {
    const w = new Writable({ write: writeOk });
    on(w, log, 'error', 'close');
    log('self=' + (w.destroy() === w));
    log('self=' + (w.destroy() === w));
  },
  destroy_after_finish(log) {
    const w = new Writable({ autoDestroy: false, write: writeOk });
    on(w, log, 'finish', 'error', 'close');
    w.end('x');
    w.on('finish', () => w.destroy(new Error('late')));
  },
  destroy_after_close(log) {
    const w = new Writable({ write: writeOk });
    on(w, log, 'error', 'close');
    w.destroy();
    w.on('close', () => { w.destroy(new Error('late')); log('after'); });
  },
  pending_write_late_cb(log) {
    let pend;
    const w = new Writable({ write(c, e, cb) { log('write:' + c); pend = cb; } });
    on(w, log, 'error', 'close');
    w.write('a', (err) => log('cb1:' + errText(err)));
    w.write('b', (err) => log('cb2:' + errText(err)));
    w.destroy(new Error('boom'));
    setImmediate(() => { log('late cb'); pend(); });
  },
});
