// Twin of spec/readable_encoding_spec.lua's "decoded text kept as pushed":
// a setEncoding('utf8') Readable given chunks that are whole valid UTF-8
// (ASCII, two-byte characters, a U+FFFD spelled out) next to chunks that are
// not (an invalid byte, a character split across pushes): what each push
// returns, readableLength after it, then the text delivered, as the hex of
// its UTF-8 bytes.  Printed as `case<TAB>JSON array`.
// Run: node test/twins/readable/decode_kept.js
'use strict';
const { Readable } = require('stream');

const hex = (c) => Buffer.from(c, 'utf8').toString('hex');
const PUSHES = [
  '6162636465666768696a',                // ASCII, ten bytes
  '68c3a96c6c6f2077c3b6726c64',          // two-byte characters
  'efbfbd78797a',                        // U+FFFD spelled out
  '6162ff206364',                        // an invalid byte
  '3132333435363738e282',                // ends inside a character
  'ac206166746572',                      // which this completes
  '706c61696e20616761696e',              // ASCII again
];

function pushAll(r, log) {
  for (const h of PUSHES) {
    const ok = r.push(Buffer.from(h, 'hex'));
    log.push(`push ${ok} ${r.readableLength}`);
  }
  r.push(null);
}

const out = {};

// flowing: one 'data' per chunk
{
  const log = [];
  const r = new Readable({ read() {}, highWaterMark: 1024 });
  r.setEncoding('utf8');
  pushAll(r, log);
  r.on('data', (c) => log.push(`data ${hex(c)}`));
  r.on('end', () => { log.push('end'); out.flowing = log; });
}

// paused: read() takes everything at once
{
  const log = [];
  const r = new Readable({ read() {}, highWaterMark: 1024 });
  r.setEncoding('utf8');
  pushAll(r, log);
  r.once('readable', () => {
    const c = r.read();
    log.push(`read ${hex(c)} ${r.readableLength}`);
    out.paused = log;
  });
}

setTimeout(() => {
  for (const k of Object.keys(out).sort()) console.log(`${k}\t${JSON.stringify(out[k])}`);
}, 20);
