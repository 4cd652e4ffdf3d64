// Twin of spec/writable/writable_clear_buffer_spec.lua (after Node's
// test/parallel/test-stream-writable-clear-buffer.js). Prints `case<TAB>JSON
// array`; the case starts from a timer, as a spec body starts.
'use strict';
const { Writable } = require('stream');
const { runTimed } = require('../duplex/common.js');

runTimed({
  corked_count_down(log) {
    const w = new Writable({
      objectMode: true,
      write(c, e, cb) { log('write:' + c); setImmediate(cb); },
    });
    w.cork();
    for (let i = 1; i <= 5; i++) w.write(i, () => log(`cb${i} len=${w.writableLength}`));
    log('len=' + w.writableLength);
    w.end();
    w.on('finish', () => log('finish'));
  },
});
