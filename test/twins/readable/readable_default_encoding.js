// Twin of spec/readable/readable_default_encoding_spec.lua (test-stream-readable-default-encoding.js): one case per `it`.
// Run: node test/twins/readable/readable_default_encoding.js
'use strict';
const stream = require('stream');
const { Readable, Writable, Duplex, Transform, PassThrough } = stream;
const { runTimed, errText } = require('../duplex/common');
const hex = (c) => Buffer.from(c).toString('hex');

runTimed({
  hex(log) {
    const r = new Readable({ read() {}, defaultEncoding: 'hex' });
    r.push('ab');
    r.on('data', (c) => log('data', hex(c)));
  },
  explicit(log) {
    const r = new Readable({ read() {}, defaultEncoding: 'hex' });
    r.push('ab', 'utf-8');
    r.on('data', (c) => log('data', hex(c)));
  },
  invalid(log) {
    for (const C of [Readable, Writable]) {
      try { new C({ defaultEncoding: 'my invalid encoding' }); log('made'); } catch (e) { log('throw', errText(e)); }
    }
  },
});
