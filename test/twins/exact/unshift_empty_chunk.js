// Node's test/parallel/test-stream-unshift-empty-chunk.js, logging every step:
// unshift(Buffer.alloc(0)) must not clear state.reading, so _read is not
// called again while one is pending and the stream ends after 18 chunks.
'use strict';
const { Readable } = require('stream');
const mode = process.argv[2] || 'timer';
const defer = { timer: (f) => setTimeout(f, 1), tick: process.nextTick, sync: (f) => f() }[mode];
const log = [];
const r = new Readable();
let nChunks = 10;
const chunk = Buffer.alloc(10, 'x');
r._read = function() {
  log.push('_read');
  defer(() => {
    const c = --nChunks === 0 ? null : chunk;
    const ok = r.push(c);
    log.push('push ' + (c === null ? 'null' : c.toString()) + ' -> ' + ok);
  });
};
let readAll = false;
r.on('readable', () => {
  log.push('readable');
  let c;
  while ((c = r.read()) !== null) {
    log.push('read ' + c.toString());
    const putBack = Buffer.alloc(readAll ? 0 : 5, 'y');
    readAll = !readAll;
    r.unshift(putBack);
  }
});
r.on('end', () => log.push('end'));
r.on('close', () => { log.push('close'); console.log(log.join('\n')); });
