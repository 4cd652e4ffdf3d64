// Twin of spec/transform/transform_objectmode_falsey_value_spec.lua
// (test-stream-transform-objectmode-falsey-value.js): one case per `it`;
// Lua's type() names are JS's typeof here. Run: node test/twins/transform/transform_objectmode_falsey_value.js
'use strict';
const { PassThrough } = require('stream');
const { runTimed } = require('../duplex/common');

runTimed({
  two_pipes(log) {
    const src = new PassThrough({ objectMode: true });
    const tx = new PassThrough({ objectMode: true });
    const dest = new PassThrough({ objectMode: true });
    dest.on('data', (x) => log(x));
    dest.on('end', () => log('end'));
    src.pipe(tx).pipe(dest);
    let i = -1;
    const int = setInterval(() => {
      if (i > 10) {
        src.end();
        clearInterval(int);
      } else {
        src.write(i++);
      }
    }, 1);
  },
  falsey_chunks(log) {
    const pt = new PassThrough({ objectMode: true });
    pt.on('data', (x) => log(typeof x + ':' + x));
    pt.on('end', () => log('end'));
    pt.write(false);
    pt.write(0);
    pt.write('');
    pt.end(false);
  },
}, 100);
