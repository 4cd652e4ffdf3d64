// Twin of spec/transform/transform_flush_data_spec.lua (test-stream-transform-flush-data.js).
// Run: node test/twins/transform/transform_flush_data.js
'use strict';
const { Transform } = require('stream');
const { runTimed } = require('../duplex/common');

runTimed({
  flush_data(log) {
    const t = new Transform({ transform(c, e, n) { n(); }, flush(n) { n(null, 'asdf'); } });
    t.end(Buffer.from('blerg'));
    t.on('data', (d) => log(String(d)));
    t.on('end', () => log('end'));
  },
}, 30);
