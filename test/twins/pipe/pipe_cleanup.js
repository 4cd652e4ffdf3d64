// Twin of spec/pipe/pipe_cleanup_spec.lua (test-stream-pipe-cleanup.js,
// retold with Readable/Writable as cstream's pipe serves them): one case per
// `it`, listener counts joined by commas.
// Run: node test/twins/pipe/pipe_cleanup.js
'use strict';
const { Readable, Writable, PassThrough } = require('stream');
const { runTimed } = require('../duplex/common');

const SRC = ['end', 'data', 'close', 'error', 'readable'];
const DST = ['close', 'finish', 'drain', 'error', 'unpipe'];
const LC = (st, names) => names.map((n) => st.listenerCount(n)).join(',');
const noop = () => {};
const writeOk = (c, e, cb) => cb();
runTimed({
  end_false_sources(log) {
    const w = new Writable({ write: writeOk });
    let endCalls = 0;
    const origEnd = w.end;
    w.end = function(...a) { endCalls++; return origEnd.apply(this, a); };
    log(LC(w, DST));
    let r;
    for (let i = 0; i < 10; i++) {
      r = new Readable({ read: noop });
      r.pipe(w, { end: false });
      r.push(null);
      r.resume();
    }
    setImmediate(() => { log(LC(r, SRC)); log(LC(w, DST)); log(endCalls); });
  },
  dest_closes(log) {
    const r = new Readable({ read: noop });
    let w;
    for (let i = 0; i < 10; i++) {
      w = new Writable({ write: writeOk });
      r.pipe(w);
      w.destroy();
    }
    setImmediate(() => { log(LC(r, SRC)); log(LC(w, DST)); log(r.readableFlowing); });
  },
  chain(log) {
    const r = new Readable({ read: noop });
    const d = new PassThrough();
    const w = new Writable({ write: writeOk });
    const counts = () => { log(LC(r, SRC)); log(LC(d, SRC)); log(LC(d, DST)); log(LC(w, DST)); };
    counts();
    r.pipe(d);
    d.pipe(w);
    counts();
    r.push(null);
    d.on('end', () => process.nextTick(() => { log('d end'); counts(); }));
    w.on('finish', () => log('w finish'));
    setImmediate(counts);
  },
}, 50);
