// Twin of spec/writable/writable_decoded_encoding_spec.lua
// (test-stream-writable-decoded-encoding.js and the spec's encodings): one
// case per `it`; a Buffer chunk is a Lua string, so its type is logged as
// "string". encode_N is the spec's Nth entry of its list of encodings, the
// input being the text its UTF-8 string spells (API.md section 2).
// Run: node test/twins/writable/writable_decoded_encoding.js
'use strict';
const { Writable } = require('stream');
const { runTimed } = require('../duplex/common');

const mk = (log, opts) => {
  opts.write = (chunk, enc, cb) => {
    log((Buffer.isBuffer(chunk) ? 'string' : typeof chunk) + '/' + enc + '/' + chunk);
    cb();
  };
  return new Writable(opts);
};
const cases = {
  decode_true(log) {
    const m = mk(log, { decodeStrings: true });
    m.write('some-text', 'utf8');
    m.end();
  },
  decode_false(log) {
    const m = mk(log, { decodeStrings: false });
    m.write('some-text', 'utf8');
    m.end();
  },
  decode_false_hex(log) {
    const m = mk(log, { decodeStrings: false });
    m.write('616263', 'hex');
    m.write('abc');
    m.end();
  },
};
[['hex', '616263'], ['base64', 'YWJj'], ['base64', 'YWI='], ['latin1', 'caf\u00e9'],
 ['binary', '\u00ff\0'], ['ascii', 'abc'], ['utf16le', 'ab'], ['ucs2', 'h\u00e9'],
 ['ucs-2', 'x'], ['utf-16le', 'y'], ['utf8', 'h\u00e9'], ['utf-8', '\u20ac']].forEach(([enc, input], i) => {
  cases['encode_' + (i + 1)] = (log) => {
    const w = new Writable({ write(chunk, e, cb) { log(e + '/' + chunk.toString('hex')); cb(); } });
    w.write(input, enc);
    w.end();
  };
});
runTimed(cases, 20);
