// Twin of spec/duplex/inheritance_spec.lua (test-stream-inheritance.js): one case per `it`.
// Run: node test/twins/duplex/inheritance.js
'use strict';
const stream = require('stream');
const { Readable, Writable, Duplex, Transform, PassThrough } = stream;
const { runTimed, errText } = require('../duplex/common');


runTimed({
  instanceof(log) {
    const all = [new Readable({ read() {} }), new Writable({ write() {} }), new Duplex({ read() {}, write() {} }),
      new Transform({ transform() {} }), new PassThrough(), undefined];
    for (const C of [Readable, Writable, Duplex, Transform, PassThrough]) log(...all.map((s) => s instanceof C));
    class CustomWritable extends Writable {}
    const cw = new CustomWritable();
    log(cw instanceof CustomWritable, cw instanceof Writable, cw instanceof Readable, all[1] instanceof CustomWritable);
  },
});
