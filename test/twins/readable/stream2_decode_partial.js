// Twin of spec/readable/stream2_decode_partial_spec.lua (test-stream2-decode-partial.js, test-stream2-base64-single-char-read-end.js): one case per `it`.
// Run: node test/twins/readable/stream2_decode_partial.js
'use strict';
const stream = require('stream');
const { Readable, Writable, Duplex, Transform, PassThrough } = stream;
const { runTimed, errText } = require('../duplex/common');


runTimed({
  partial(log) {
    const r = new Readable({ read() {}, encoding: 'utf8' });
    const src = Buffer.from([0xE2, 0x82, 0xAC, 0xC2, 0xA2]);
    r.push(src.slice(0, 2)); r.push(src.slice(2, 4)); r.push(src.slice(4, 6)); r.push(null);
    r.on('data', (c) => log('data', c));
    r.on('end', () => log('end'));
  },
  base64_single(log) {
    const src = new Readable({ encoding: 'base64' });
    const dst = new Writable();
    let hasRead = false;
    const acc = [];
    src._read = function() {
      if (!hasRead) {
        hasRead = true;
        process.nextTick(() => { src.push(Buffer.from('1')); src.push(null); });
      }
    };
    dst._write = function(chunk, enc, cb) { log('write', String(chunk), enc); acc.push(chunk); cb(); };
    src.on('end', () => log('end', Buffer.concat(acc).toString()));
    src.pipe(dst);
  },
});
