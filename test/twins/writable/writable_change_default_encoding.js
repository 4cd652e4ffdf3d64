// Twin of spec/writable/writable_change_default_encoding_spec.lua
// (test-stream-writable-change-default-encoding.js): one case per `it`, each
// chunk logged as encoding/chunk (a buffer's bytes in hex).
// Run: node test/twins/writable/writable_change_default_encoding.js
'use strict';
const { Writable } = require('stream');
const { runTimed } = require('../duplex/common');

const mk = (log, opts = {}) => {
  if (opts.decodeStrings === undefined) opts.decodeStrings = false;
  opts.write = (chunk, enc, cb) => {
    log(enc + '/' + (enc === 'buffer' ? chunk.toString('hex') : chunk));
    cb();
  };
  return new Writable(opts);
};
const raises = (f) => { try { f(); return 'no error'; } catch (e) { return e.code || e.message; } };

runTimed({
  default_utf8(log) {
    const m = mk(log);
    m.write('foo');
    m.end();
  },
  set_ascii(log) {
    const m = mk(log);
    log('self=' + (m.setDefaultEncoding('ascii') === m));
    m.write('bar');
    m.end();
  },
  ignores_case(log) {
    const m = mk(log);
    m.setDefaultEncoding('AsCii');
    m.write('bar');
    m.end();
  },
  write_bogus(log) {
    const m = mk(log);
    m.on('error', (e) => log('error:' + (e.code || e.message)));
    m.on('close', () => log('close'));
    log(raises(() => m.write('bar', 'bogus')));
  },
  option(log) {
    const m = mk(log, { defaultEncoding: 'hex' });
    m.write('6869');
    m.write('6869', 'utf8');
    m.end();
  },
  decode_hex(log) {
    const m = mk(log, { decodeStrings: true });
    m.setDefaultEncoding('hex');
    m.write('616263');
    m.write('zz', 'utf8');
    m.end();
  },
  decode_base64(log) {
    const m = mk(log, { decodeStrings: true });
    m.setDefaultEncoding('base64');
    m.write('aGVsbG8=');
    m.end();
  },
  decode_latin1(log) {
    const m = mk(log, { decodeStrings: true });
    m.setDefaultEncoding('latin1');
    m.write('\u00e9t\u00e9');
    m.end();
  },
  decode_utf16le(log) {
    const m = mk(log, { decodeStrings: true });
    m.setDefaultEncoding('UTF16LE');
    m.write('hi');
    m.end();
  },
  decode_option(log) {
    const m = mk(log, { decodeStrings: true, defaultEncoding: 'base64' });
    m.write('AAEC');
    m.end();
  },
});
