// Twin of spec/writable/write_final_spec.lua (test-stream-write-final.js).
// Run: node test/twins/writable/write_final.js
'use strict';
const { Writable } = require('stream');
const { runTimed, watch, errText } = require('../duplex/common');

runTimed({
  final_option(log) {
    const w = new Writable({
      final(cb) { log('final self=' + (this === w)); setTimeout(() => { log('shutdown'); cb(); }, 100); },
      write(c, e, cb) { log('write:' + c.length); process.nextTick(cb); },
    });
    watch(w, log, ['prefinish', 'finish']);
    w.write(Buffer.allocUnsafe(1));
    w.end(Buffer.alloc(0));
  },
}, 150);
