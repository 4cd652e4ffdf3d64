// Twin of spec/readable/decoder_objectmode_spec.lua (test-stream-decoder-objectmode.js): one case per `it`.
// Run: node test/twins/readable/decoder_objectmode.js
'use strict';
const stream = require('stream');
const { Readable, Writable, Duplex, Transform, PassThrough } = stream;
const { runTimed, errText } = require('../duplex/common');


runTimed({
  strings(log) {
    const r = new Readable({ read: () => {}, encoding: 'hex', objectMode: true });
    r.push('ab'); r.push('cd'); r.push(null);
    log(r.readableLength); log(r.read()); log(r.read()); log(r.read());
  },
  utf8_strings(log) {
    const r = new Readable({ read: () => {}, encoding: 'utf8', objectMode: true });
    r.push('abc'); r.push('def'); r.push(null);
    log(r.read()); log(r.read()); log(r.read());
  },
});
