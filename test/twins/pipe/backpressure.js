// Twin of spec/pipe/backpressure_spec.lua (test-stream-backpressure.js): one case per `it`.
// Run: node test/twins/pipe/backpressure.js
'use strict';
const stream = require('stream');
const { Readable, Writable, Duplex, Transform, PassThrough } = stream;
const { runTimed, errText } = require('../duplex/common');


runTimed({
  pipe(log) {
    let pushes = 0, writes = 0;
    const rs = new Readable({ read() {
      log('read', pushes, this.readableLength);
      if (pushes++ === 10) { this.push(null); return; }
      this.push(Buffer.alloc(65500));
      for (let i = 0; i < 40; i++) this.push(Buffer.alloc(1024));
    } });
    const ws = new Writable({ write(d, e, cb) { writes++; setImmediate(cb); } });
    rs.pipe(ws);
    ws.on('finish', () => log('finish', writes));
  },
}, 500);
