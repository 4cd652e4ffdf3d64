// Twin of spec/transform/transform_hwm0_spec.lua (test-stream-transform-hwm0.js);
// read()'s null logged as "null". Run: node test/twins/transform/transform_hwm0.js
'use strict';
const { Transform } = require('stream');
const { runTimed } = require('../duplex/common');

runTimed({
  hwm0(log) {
    const t = new Transform({ objectMode: true, highWaterMark: 0, transform(chunk, enc, callback) {
      process.nextTick(() => callback(null, chunk, enc));
    } });
    log(t.write(1));
    t.on('drain', () => { log('drain'); log(t.write(2)); t.end(); });
    t.once('readable', () => {
      // The spec's put(log, "readable", t:read(), ...) reads before it logs.
      const a = t.read(), b = t.read();
      log('readable'); log(a); log(b === null ? 'null' : b);
      t.once('readable', () => { log('readable2'); log(t.read()); });
    });
    t.on('finish', () => log('finish'));
    t.on('end', () => log('end'));
  },
}, 30);
