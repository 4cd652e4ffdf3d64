// Twin of spec/readable/auto_destroy_spec.lua (test-stream-auto-destroy.js): one case per `it`.
// Run: node test/twins/readable/auto_destroy.js
'use strict';
const stream = require('stream');
const { Readable, Writable, Duplex, Transform, PassThrough } = stream;
const { runTimed, errText } = require('../duplex/common');


runTimed({
  auto_r(log) {
    const r = new Readable({
      autoDestroy: true,
      read() { this.push('hello'); this.push('world'); this.push(null); },
      destroy(err, cb) { log('_destroy', errText(err)); cb(); },
    });
    r.resume();
    for (const e of ['end', 'close', 'data', 'pause', 'resume']) {
      r.on(e, (c) => log(e, c === undefined ? '' : String(c)));
    }
  },
  auto_w(log) {
    const w = new Writable({
      autoDestroy: true,
      write(d, e, cb) { log('write', String(d)); cb(null); },
      destroy(err, cb) { log('_destroy', errText(err)); cb(); },
    });
    w.write('hello'); w.write('world'); w.end();
    for (const e of ['finish', 'close', 'prefinish']) w.on(e, () => log(e));
  },
  auto_t(log) {
    const t = new Transform({
      autoDestroy: true,
      transform(d, e, cb) { cb(null, d); },
      destroy(err, cb) { log('_destroy', errText(err)); cb(); },
    });
    t.write('hello'); t.write('world'); t.end(); t.resume();
    for (const e of ['end', 'finish', 'close', 'prefinish']) t.on(e, () => log(e));
  },
  pipe_dest_destroyed(log) {
    let w;
    const r = new Readable({ read() { log('read'); w.destroy(new Error('fail')); } });
    w = new Writable({ autoDestroy: true, destroy(err, cb) { log('_destroy', errText(err)); cb(); } });
    w.on('error', (e) => log('error', errText(e)));
    w.on('close', () => log('close'));
    w.on('unpipe', () => log('unpipe'));
    r.on('close', () => log('r-close'));
    r.pipe(w);
    setTimeout(() => log('r flowing', r.readableFlowing, 'destroyed', r.destroyed), 5);
  },
});
