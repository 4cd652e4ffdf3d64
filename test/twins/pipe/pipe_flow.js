// Twin of spec/pipe/pipe_flow_spec.lua (test-stream-pipe-flow.js): one case
// per `it`. Run: node test/twins/pipe/pipe_flow.js
'use strict';
const { Readable, Writable, PassThrough } = require('stream');
const { runTimed } = require('../duplex/common');

runTimed({
  ticks_into_hwm0(log) {
    let ticks = 17, writes = 0;
    const rs = new Readable({ objectMode: true, read() {
      if (ticks-- > 0) return process.nextTick(() => rs.push({}));
      rs.push({});
      rs.push(null);
    } });
    const ws = new Writable({ highWaterMark: 0, objectMode: true, write(d, e, cb) { writes++; setImmediate(cb); } });
    rs.on('end', () => log('end'));
    ws.on('finish', () => log('finish:' + writes));
    rs.pipe(ws);
  },
  wrapper(log) {
    let missing = 8;
    const rs = new Readable({ objectMode: true, read() {
      if (missing--) rs.push({}); else rs.push(null);
    } });
    const pt = rs.pipe(new PassThrough({ objectMode: true, highWaterMark: 2 }))
      .pipe(new PassThrough({ objectMode: true, highWaterMark: 2 }));
    let n = 0;
    pt.on('end', () => wrapper.push(null));
    const wrapper = new Readable({ objectMode: true, read() {
      process.nextTick(() => {
        let data = pt.read();
        if (data === null) {
          pt.once('readable', () => {
            data = pt.read();
            if (data !== null) wrapper.push(data);
          });
        } else {
          wrapper.push(data);
        }
      });
    } });
    wrapper.on('data', () => n++);
    wrapper.resume();
    wrapper.on('end', () => log('end:' + n));
  },
}, 100);
