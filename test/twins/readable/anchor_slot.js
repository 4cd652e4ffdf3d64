// Twin of spec/readable/anchor_slot_beyond_node_spec.lua: chunks a _read
// pushes in bursts (buffered, so kept alive by the stream until read out)
// while the flow that reads them out runs, with pushes from a 'data'
// listener in between.  Every chunk arrives once, in Node's order.
// Run: node test/twins/readable/anchor_slot.js
'use strict';
const { Readable, PassThrough } = require('stream');
const { runTimed } = require('../duplex/common');

// _read pushes 100 numbered chunks per call, 300 in all; the 'data'
// listener pushes one more after every 50th.
function bursts(log, objectMode) {
  let n = 0;
  const seen = [];
  const r = new Readable({ objectMode, highWaterMark: 4, read() {
    if (n >= 300) { this.push(null); return; }
    for (let i = 0; i < 100; i++) {
      n++;
      this.push(objectMode ? { id: n } : 'c' + n + ';');
    }
  }});
  r.on('data', (c) => {
    const id = objectMode ? c.id : String(c);
    seen.push(id);
    const k = objectMode ? id : Number(String(c).slice(1, -1));
    if (typeof k === 'number' && k % 50 === 0 && k < 300)
      r.push(objectMode ? { id: 'x' + k } : 'x' + k + ';');
  });
  r.on('end', () => log('end', seen.length, seen.join(' ')));
}

runTimed({
  objects(log) { bursts(log, true); },
  // byte mode through a PassThrough: the pipe path reads the chunks out
  bytes_piped(log) {
    let n = 0;
    const r = new Readable({ highWaterMark: 64, read() {
      if (n >= 300) { this.push(null); return; }
      for (let i = 0; i < 100; i++) { n++; this.push('c' + n + ';'); }
    }});
    const p = new PassThrough();
    let got = '';
    p.on('data', (c) => { got += c; });
    p.on('end', () => log('end', got.length, got));
    r.pipe(p);
  },
}, 100);
