// Twin of spec/readable/read_paths_beyond_node_spec.lua: read(n) inside the
// front chunk and across into the next, around what cstream plans with its
// tests only (a slice leaving a highWaterMark buffered, a whole chunk and a
// cut of the next): with a 'data' listener as well, a decoder, objectMode,
// an ended stream, a fractional n, an n above the highWaterMark, and the
// _read those reads start.  Each read logs what it returned and what is left.
// Run: node test/twins/readable/read_paths.js
'use strict';
const { Readable } = require('stream');
const { runTimed } = require('../duplex/common');

// Chunk i (1-based) of w bytes: its letter, then digits, so that every byte
// read says where it came from.
const chunk = (i, w) => {
  const s = String.fromCharCode(96 + i) + '0123456789'.repeat(Math.ceil(w / 10));
  return s.slice(0, w);
};

// A source of `count` chunks of w bytes, pushed while push() says go on.
function source(count, w, opts, log) {
  let i = 0;
  return new Readable({ ...opts, read(n) {
    if (log) log('_read ' + n);
    while (i < count) {
      i++;
      if (!this.push(chunk(i, w))) return;
    }
    this.push(null);
  }});
}

// read(n) until null, each result logged with the length left.
function drain(r, n, log) {
  let c;
  while ((c = r.read(n)) !== null) log('read ' + String(c) + ' len=' + r.readableLength);
  log('null len=' + r.readableLength);
}

runTimed({
  slices_and_cuts(log) {
    const r = source(6, 10, { highWaterMark: 8 }, log);
    r.on('readable', () => { log('readable'); drain(r, 3, log); });
    r.on('end', () => log('end'));
  },
  with_data_listener(log) {
    const r = source(4, 10, { highWaterMark: 4 });
    r.on('data', (c) => log('data ' + String(c)));
    r.on('readable', () => { log('readable'); drain(r, 4, log); });
    r.on('end', () => log('end'));
  },
  exact_chunk_and_one_more(log) {
    const r = new Readable({ highWaterMark: 2, read() {} });
    for (let i = 1; i <= 4; i++) r.push(chunk(i, 5));
    log('read ' + r.read(5) + ' len=' + r.readableLength);
    log('read ' + r.read(2) + ' len=' + r.readableLength);
    log('read ' + r.read(4) + ' len=' + r.readableLength);
    log('read ' + r.read(2.9) + ' len=' + r.readableLength);
    log('read ' + r.read(6) + ' len=' + r.readableLength);
    log('hwm ' + r.readableHighWaterMark);
  },
  ended_stream(log) {
    const r = new Readable({ highWaterMark: 2, read() {} });
    for (let i = 1; i <= 3; i++) r.push(chunk(i, 6));
    r.push(null);
    r.on('end', () => log('end'));
    log('read ' + r.read(4) + ' len=' + r.readableLength);
    log('read ' + r.read(4) + ' len=' + r.readableLength);
    log('read ' + r.read(1) + ' len=' + r.readableLength);
    log('read ' + r.read(9) + ' len=' + r.readableLength);
    log('read ' + r.read(9) + ' len=' + r.readableLength);
    log('read ' + r.read(1) + ' len=' + r.readableLength);
  },
  decoder(log) {
    const r = new Readable({ highWaterMark: 2, read() {} });
    r.setEncoding('utf8');
    r.push('h\u00e9llo');
    r.push('\u20acuro\u{1F600}!');
    r.push('abcdef');
    for (const n of [2, 3, 1, 2, 3, 2, 4]) log('read ' + r.read(n) + ' len=' + r.readableLength);
  },
  object_mode(log) {
    const r = new Readable({ objectMode: true, highWaterMark: 2, read() {} });
    for (let i = 1; i <= 5; i++) r.push('obj' + i);
    for (const n of [1, 2, 1, 3]) log('read ' + r.read(n) + ' len=' + r.readableLength);
  },
  above_hwm(log) {
    const r = source(5, 10, { highWaterMark: 4 }, log);
    r.on('readable', () => {
      log('readable');
      let c;
      while ((c = r.read(12)) !== null) log('read ' + c + ' len=' + r.readableLength + ' hwm=' + r.readableHighWaterMark);
      log('null');
    });
    r.on('end', () => log('end'));
  },
});
