// Twin of spec/readable/stream2_compatibility_spec.lua (test-stream2-compatibility.js): one case per `it`.
// Run: node test/twins/readable/stream2_compatibility.js
'use strict';
const stream = require('stream');
const { Readable, Writable, Duplex, Transform, PassThrough } = stream;
const { runTimed, errText } = require('../duplex/common');


runTimed({
  ondata(log) {
    let n = 0;
    const r = new Readable();
    let buf = Buffer.alloc(100, 'x');
    r._read = function() { log('read', buf.length); this.push(buf); buf = Buffer.alloc(0); };
    r.on('data', () => { n++; });
    setImmediate(() => log('ondata', n, r.readableLength, r.readableFlowing));
  },
});
