// Twin of spec/writable/writable_beyond_node_spec.lua (Writable behaviours
// Node's tests leave out), with node v20: each case prints the log its spec
// asserts. Run: node test/twins/writable/writable_beyond_node.js
'use strict';
const { Writable } = require('stream');
const { errText, on, writeOk, run } = require('../duplex/common');


run({
  prefinish_at_once(log) {
    const w = new Writable({ write: writeOk });
    on(w, log, 'prefinish', 'finish', 'close');
    w.end();
    log('sync');
  },
  sync_final(log) {
    const w = new Writable({ write: writeOk, final(cb) { log('final'); cb(); } });
    on(w, log, 'prefinish', 'finish', 'close');
    w.end();
    log('sync');
  },
  end_chunk_sync_write(log) {
    const w = new Writable({ write(c, e, cb) { log('write'); cb(); } });
    on(w, log, 'prefinish', 'finish', 'close');
    w.end('x');
    log('sync');
  },
  final_once(log) {
    const w = new Writable({ write: writeOk, final(cb) { log('final'); setImmediate(cb); } });
    on(w, log, 'finish');
    w.end();
    w.end();
    w.end((e) => log('cb:' + errText(e)));
  },
  many_sync_writes(log) {
    let n = 0, k = 0;
    const w = new Writable({ write(c, e, cb) { n++; cb(); } });
    const cb = () => { k++; };
    for (let i = 0; i < 100000; i++) w.write('x', cb);
    return new Promise((resolve) => w.end(() => { log('n=' + n + ' k=' + k); resolve(); }));
  },
  buffered_tick_writes(log) {
    let n = 0, k = 0;
    const w = new Writable({ write(c, e, cb) { n++; process.nextTick(cb); } });
    for (let i = 0; i < 20000; i++) w.write('x', () => { k++; });
    return new Promise((resolve) => w.end(() => { log('n=' + n + ' k=' + k); resolve(); }));
  },
  write_inside_write(log) {
    let first = true;
    const w = new Writable({ write(c, e, cb) {
      log('write:' + c);
      if (first) {
        first = false;
        log('inner ret=' + this.write('inner', () => log('cb:inner')));
      }
      cb();
    } });
    w.write('outer', () => log('cb:outer'));
    log('sync');
  },
  drain_pump(log) {
    const w = new Writable({ highWaterMark: 4, write(c, e, cb) { log('write:' + c); setImmediate(cb); } });
    const data = ['aa', 'bb', 'cc', 'dd', 'ee'];
    const pump = () => {
      while (data.length > 0) {
        const c = data.shift();
        const r = w.write(c);
        log('ret:' + c + '=' + r);
        if (!r) {
          w.once('drain', () => { log('drain'); pump(); });
          return;
        }
      }
      w.end();
    };
    on(w, log, 'finish');
    pump();
  },
  write_in_drain(log) {
    let n = 0;
    const w = new Writable({ highWaterMark: 2, write(c, e, cb) { log('write:' + c); setImmediate(cb); } });
    w.on('drain', () => {
      log('drain');
      n++;
      if (n < 3) log('r=' + w.write('x' + n + 'x'));
      else w.end();
    });
    on(w, log, 'finish');
    log('r=' + w.write('aa'));
  },
  one_drain(log) {
    const w = new Writable({ highWaterMark: 2, write(c, e, cb) { log('write:' + c); setImmediate(cb); } });
    on(w, log, 'drain');
    log('r=' + w.write('aa'));
    log('r=' + w.write('bb'));
    log('r=' + w.write('cc'));
  },
  destroy_in_drain(log) {
    const w = new Writable({ highWaterMark: 1, write(c, e, cb) { setImmediate(cb); } });
    w.on('drain', () => { log('drain'); w.destroy(); });
    on(w, log, 'close', 'finish');
    w.write('a', (e) => log('cb:' + errText(e)));
  },
  no_drain_destroyed(log) {
    let p;
    const w = new Writable({ highWaterMark: 1, write(c, e, cb) { p = cb; } });
    on(w, log, 'drain', 'close');
    w.write('ab');
    w.destroy();
    p();
  },
  length_decoded_bytes(log) {
    const w = new Writable({ write(c) { log('write:' + c.length); } });
    w.write('ffff', 'hex');
    log('len=' + w.writableLength);
    w.write('abc');
    log('len=' + w.writableLength);
    w.write('\u00e9');
    log('len=' + w.writableLength);
    w.write('\u00e9', 'latin1');
    log('len=' + w.writableLength);
  },
  no_auto_destroy_write_error(log) {
    const w = new Writable({ autoDestroy: false, write(c, e, cb) {
      log('write:' + c);
      cb(String(c) === 'a' ? new Error('bad') : null);
    } });
    on(w, log, 'error', 'close', 'finish');
    w.write('a', (e) => log('cb1:' + errText(e)));
    log('ret=' + w.write('b', (e) => log('cb2:' + errText(e))));
    w.end((e) => log('endcb:' + errText(e)));
    setImmediate(() => {
      log('errored=' + errText(w.errored) + ' destroyed=' + w.destroyed + ' writable=' + w.writable +
          ' len=' + w.writableLength);
    });
  },
  no_auto_destroy_errored(log) {
    const w = new Writable({ autoDestroy: false, write(c, e, cb) { cb(new Error('bad')); } });
    on(w, log, 'error', 'close');
    w.write('x');
    setImmediate(() => {
      log('errored=' + errText(w.errored) + ' writable=' + w.writable + ' destroyed=' + w.destroyed +
          ' closed=' + w.closed);
    });
  },
  close_after_finish(log) {
    const w = new Writable({ write: writeOk });
    w.on('finish', () => log('finish closed=' + w.closed + ' fin=' + w.writableFinished));
    w.on('close', () => log('close closed=' + w.closed + ' destroyed=' + w.destroyed));
    w.end('x');
  },
  string_error_destroy(log) {
    const w = new Writable({ write: writeOk });
    w.on('error', (e) => log('error:' + typeof e + ':' + String(e)));
    on(w, log, 'close');
    w.destroy('boom');
  },
  string_error_write_cb(log) {
    const w = new Writable({ write(c, e, cb) { cb('bad'); } });
    w.on('error', (e) => log('error:' + typeof e + ':' + String(e)));
    w.write('x', (e) => log('cb:' + String(e)));
  },
  write_errored_destroyed(log) {
    const w = new Writable({ write(c, e, cb) { process.nextTick(cb, new Error('x')); } });
    on(w, log, 'error', 'close');
    w.write('a');
    setImmediate(() => log('imm'));
    process.nextTick(() => {
      process.nextTick(() => {
        log('ret=' + w.write('b', (e) => log('cb:' + errText(e))));
      });
    });
  },
  end_chunk_hex(log) {
    const w = new Writable({ write(c, e, cb) { log('write:' + c.toString('hex') + '/' + e); cb(); } });
    w.end('cafe', 'hex');
    on(w, log, 'finish');
  },
  // Each write calls the instance's _write as it is then, with the spelling
  // the caller gave (decodeStrings false), however the two change.
  write_method_changes(log) {
    const w = new Writable({
      decodeStrings: false,
      write(c, e, cb) {
        log('a:' + c + '/' + e);
        if (c === 'two') this._write = (c2, e2, cb2) => { log('b:' + c2 + '/' + e2); cb2(); };
        cb();
      },
    });
    on(w, log, 'finish');
    for (const [c, e] of [['one', 'utf8'], ['two', 'hex'], ['3', 'latin1'], ['4', 'utf-8'], ['5', 'hex']])
      w.write(c, e);
    w.end();
  },
  transform_method_changes(log) {
    const { Transform } = require('stream');
    const t = new Transform({
      decodeStrings: false,
      transform(c, e, cb) {
        log('a:' + c + '/' + e);
        if (c === 'two') this._transform = (c2, e2, cb2) => { log('b:' + c2 + '/' + e2); cb2(null, c2); };
        cb(null, c);
      },
    });
    t.on('data', (d) => log('data:' + d));
    on(t, log, 'end');
    for (const [c, e] of [['one', 'utf8'], ['two', 'binary'], ['3', 'ascii'], ['4', 'binary']])
      t.write(c, e);
    t.end();
  },
  destroy_in_error_listener(log) {
    const w = new Writable({ write(c, e, cb) { cb(new Error('bad')); } });
    w.on('error', (e) => { log('error:' + errText(e)); w.destroy(); });
    on(w, log, 'close');
    w.write('x');
  },
});
