// Twin of spec/hostile_spec.lua's event sequences (odd pushes, re-entrant
// calls, callbacks called twice). Prints `case<TAB>JSON array`; each case
// starts from a timer, as a spec body starts.
'use strict';
const { Readable, Writable, PassThrough, Transform } = require('stream');
const { runTimed } = require('../duplex/common.js');

const R = (opts = {}) => new Readable({ read() {}, ...opts });
const W = (opts = {}) => new Writable({ write(c, e, cb) { cb(); }, ...opts });
// A log of events: "name" or "name:detail", as the spec's watch().
function watch(s, log, names) {
  for (const ev of names) {
    s.on(ev, (x) => {
      if (ev === 'data') log('data:' + x);
      else if (ev === 'error') log('error:' + (x && typeof x === 'object' ? (x.code || x.message) : x));
      else log(ev);
    });
  }
  return s;
}

runTimed({
  push_non_chunk(log) {
    const r = watch(R(), log, ['error', 'close']);
    r.push(123);
    const u = watch(R(), log, ['error', 'close']);
    u.unshift({});
  },
  destroy_in_read(log) {
    const r = watch(R({ read() { log('_read'); this.destroy(); } }), log,
                    ['resume', 'close', 'error', 'end']);
    r.on('data', () => {});
  },
  write_in_drain(log) {
    let n = 0;
    const w = watch(W({ highWaterMark: 1, write(c, e, cb) { log('_write:' + c); setTimeout(cb, 1); } }),
                    log, ['finish', 'close']);
    w.on('drain', () => {
      log('drain');
      n++;
      if (n <= 2) log('w=' + w.write('d' + n));
      else w.end();
    });
    log('w=' + w.write('ab'));
  },
  pipe_in_data(log) {
    const src = R();
    const dest = new PassThrough();
    dest.on('data', (c) => log('dest:' + c));
    dest.on('end', () => log('dest end'));
    let piped = false;
    src.on('data', (c) => {
      log('src:' + c);
      if (!piped) { piped = true; src.pipe(dest); }
    });
    src.push('a');
    src.push('b');
    setTimeout(() => { src.push('c'); src.push(null); }, 5);
  },
  push_in_end(log) {
    const r = watch(R(), log, ['error', 'close']);
    r.on('end', () => { log('end'); r.push('x'); });
    r.on('data', () => {});
    r.push(null);
  },
  destroy_in_destroy(log) {
    const r = watch(R({ destroy(e, cb) { log('_destroy'); this.destroy(); cb(e); } }), log,
                    ['error', 'close']);
    r.destroy('boom');
  },
  destroy_in_error_close(log) {
    const r = R();
    r.on('error', (e) => { log('error:' + e); r.destroy('again'); });
    r.on('close', () => { log('close'); r.destroy('third'); });
    r.destroy('boom');
  },
  write_in_write(log) {
    const w = watch(W({ write(c, e, cb) { log('_write:' + c); if (String(c) === 'a') this.write('b'); cb(); } }),
                    log, ['finish']);
    w.write('a');
    w.end('c');
  },
  finish_in_write(log) {
    const w = watch(W({ write(c, e, cb) { log('_write:' + c); this.end(); cb(); } }), log,
                    ['finish', 'close', 'error']);
    w.write('a');
    w.write('b');
  },
  pause_resume(log) {
    let n = 0;
    const r = R();
    r.on('pause', () => { log('pause'); if (n < 3) { n++; r.resume(); } });
    r.on('resume', () => { log('resume'); r.pause(); });
    r.on('data', (c) => log('data:' + c));
    r.push('x');
  },
  unshift_in_data(log) {
    let once = false;
    const r = R();
    r.on('data', (c) => { log('data:' + c); if (!once) { once = true; r.unshift('u'); } });
    r.on('end', () => log('end'));
    r.push('a'); r.push('b'); r.push(null);
  },
  transform_cb_twice(log) {
    const t = watch(new Transform({ transform(c, e, cb) { cb(null, c); cb(null, c); } }), log,
                    ['data', 'error', 'close']);
    t.write('x');
  },
  final_cb_twice(log) {
    const w = watch(W({ final(cb) { cb(); cb(); } }), log, ['prefinish', 'finish', 'error', 'close']);
    w.end('x');
  },
  write_cb_twice(log) {
    const w = watch(W({ write(c, e, cb) { cb(); cb(); } }), log, ['error', 'close']);
    w.write('x');
  },
  final_raising(log) {
    let saved;
    const w = watch(W({ autoDestroy: false, final(cb) { saved = cb; throw new Error('boom'); } }), log,
                    ['prefinish', 'finish', 'error', 'close']);
    w.end('x');
    setTimeout(() => { saved(); log('pendingcb=' + w._writableState.pendingcb); }, 5);
  },
}, 40);
