// Twin of spec/diff_spec.lua: the minimised programs quoted above its cases
// (mismatches found by test/diff/run), one case per `it`. The two pending
// cases (differences kept on purpose) are not here.
// Run: node test/twins/diff/diff.js
'use strict';
const { Readable, Writable, Duplex, pipeline } = require('stream');
const { runTimed } = require('../duplex/common');

runTimed({
  pipe_cleanup_seed40(log) {
    const r = new Readable({ read() {} });
    const w = new Writable({ write(c, e, cb) { cb(); } });
    w.on('error', (e) => log('w error ' + e.code));
    r.pipe(w);
    r.on('data', (c) => log('data ' + c));
    w.end();
    r.push('a');
    setTimeout(() => { r.push('b'); log('flowing ' + r.readableFlowing); }, 5);
  },
  clear_buffer_writev_seed539(log) {
    const w = new Writable({
      write(c, e, cb) { log('_write ' + c); setTimeout(cb, 1); },
      writev(cs, cb) { log('_writev ' + cs.map((x) => String(x.chunk)).join(',')); cb(); },
      final(cb) { log('_final'); cb(); },
    });
    w.on('finish', () => log('finish'));
    w.write('a', (e) => log('write-cb a ' + (e == null ? 'null' : e)));
    w.write('bc');
    w.write('Z');
    w.end();
  },
  from_list_decoder(log) {
    const r = new Readable({ read() {} });
    r.setEncoding('utf8');
    r.push('a'); r.push('bcdef'); r.push('gh');
    log('read(4) ' + r.read(4));
    log('length ' + r.readableLength);
  },
  from_list_exact_fit(log) {
    const r = new Readable({ read() {} });
    r.setEncoding('utf8');
    r.push('ab'); r.push('cd'); r.push('efgh'); r.push(null);
    log('read(4) ' + r.read(4));
    r.on('data', (c) => log('data ' + c));
    r.on('end', () => log('end'));
    setTimeout(() => { log('length ' + r.readableLength); log('ended ' + r.readableEnded); }, 20);
  },
  pipeline_duplex_not_readable(log) {
    const d = new Duplex({ readable: false, read() {}, write(c, e, cb) { cb(); } });
    const w = new Writable({ write(c, e, cb) { log('_write ' + c); cb(); } });
    w.on('finish', () => log('w finish'));
    w.on('close', () => log('w close'));
    d.on('close', () => log('d close'));
    try {
      pipeline(d, w, (e) => log('pipeline-cb ' + (e ? e.code : 'null')));
      log('returned');
    } catch (err) { log('throw ' + (err.code || err)); }
  },
  from_list_above_buffered(log) {
    const r = new Readable({ read() {} });
    r.setEncoding('utf8');
    r.push('a'); r.push('bcdef'); r.push('gh');
    for (const n of [4, 2, 2]) log(`read(${n}) ${JSON.stringify(r.read(n))} ${r.readableLength}`);
  },
  pipe_writes_buffers(log) {
    const r = new Readable({ read() {} });
    const w = new Writable({ write(c, e, cb) { log('_write ' + c + ' ' + e); cb(); } });
    const w2 = new Writable({ decodeStrings: false, write(c, e, cb) { log('w2 _write ' + c + ' ' + e); cb(); } });
    w.setDefaultEncoding('hex');
    r.pipe(w);
    r.pipe(w2);
    r.push('Z');
    r.push('abc');
  },
  set_encoding_empty_buffer(log) {
    const r = new Readable({ read() {} });
    r.setEncoding('utf8');
    r.push('a'); r.push('bcdef'); r.push('gh');
    log(r.read(4)); log(r.readableLength); log(r.read(2)); log(r.readableLength);
    r.setEncoding('hex');
    log(r.readableLength);
  },
}, 50);
