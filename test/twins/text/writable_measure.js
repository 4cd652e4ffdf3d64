// readable_text_spec.lua "Writable: strings kept as strings count code units"
'use strict';
const { Writable } = require('stream');
const log = [];
{ // decodeStrings false: "€" is 1, "😀" 2; 'drain' once they are written
  const cbs = [];
  const w = new Writable({ decodeStrings: false, highWaterMark: 3,
    write(c, e, cb) { log.push('_write ' + Buffer.from(c).toString('hex') + ' ' + e); cbs.push(cb); } });
  w.on('drain', () => log.push('drain ' + w.writableLength));
  log.push(w.write('€'), w.writableLength, w.writableNeedDrain);
  log.push(w.write('😀'), w.writableLength, w.writableNeedDrain);
  log.push(w.write('616263', 'hex'), w.writableLength);
  log.push(w.write('é', 'latin1'), w.writableLength);
  const step = () => {
    const cb = cbs.shift();
    if (!cb) { log.push('left ' + w.writableLength + ' ' + w.writableNeedDrain); return after(); }
    cb();
    log.push('cb ' + w.writableLength);
    setImmediate(step);
  };
  setImmediate(step);
}
function after() {
  // decodeStrings (the default): the bytes Buffer.from made
  const w = new Writable({ highWaterMark: 3, write(c, e, cb) {} });
  log.push(w.write('€'), w.writableLength);
  log.push(w.write('616263', 'hex'), w.writableLength);
  log.push(w.write('é', 'latin1'), w.writableLength);
  // object mode: one per chunk
  const o = new Writable({ objectMode: true, decodeStrings: false, write(c, e, cb) {} });
  log.push(o.write('😀😀'), o.writableLength, o.write('abc'), o.writableLength);
  console.log('writable_measure\t' + JSON.stringify(log.map((v) => (v === null ? 'nil' : String(v)))));
}
