// Twin of spec/binding_spec.lua's sequences that are Node behaviour (the
// to-be-closed case is Lua's own). Prints `case<TAB>JSON array`; each case
// starts from a timer, as a spec body starts.
'use strict';
const { Readable, PassThrough } = require('stream');
const { runTimed } = require('../duplex/common.js');

function source(chunks) {
  let i = 0;
  return new Readable({ read() { this.push(chunks[i++] ?? null); } });
}

runTimed({
  // read(1000) in 'readable' until null: the end, the bytes, the reads.
  read_in_readable(log) {
    const chunk = 'abcdefgh'.repeat(512);
    const src = source([chunk, chunk, chunk, chunk, chunk]);
    let got = 0, reads = 0;
    src.on('readable', () => {
      let c;
      while ((c = src.read(1000)) !== null) { got += c.length; reads++; }
    });
    src.on('end', () => { log('end'); log(got); log(reads); });
  },
  // push('a') now, push('b') on a tick, push(null) 5 ms later.
  push_later(log) {
    const r = new Readable({ read() {} });
    r.on('data', (c) => log(String(c)));
    r.on('end', () => log('end'));
    r.push('a');
    process.nextTick(() => r.push('b'));
    setTimeout(() => r.push(null), 5);
  },
  buffered_passthrough(log) {
    const p = new PassThrough({ highWaterMark: 1 });
    for (let i = 1; i <= 5; i++) p.write('chunk' + i);
    p.end();
    p.on('data', (c) => log(String(c)));
  },
  // read(4) ending at a chunk's end leaves an empty chunk: no 'data', no 'end'.
  fromlist_stall(log) {
    const r = new Readable({ read() {} });
    r.setEncoding('utf8');
    r.push('ab'); r.push('cd'); r.push('efgh'); r.push(null);
    log('read ' + r.read(4));
    r.on('data', (c) => log(c));
    r.on('end', () => log('end'));
    setTimeout(() => { log('length ' + r.readableLength); log('ended ' + r.readableEnded); }, 10);
  },
});
