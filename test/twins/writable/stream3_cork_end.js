// Twin of spec/writable/stream3_cork_end_spec.lua (test-stream3-cork-end.js).
// Run: node test/twins/writable/stream3_cork_end.js
'use strict';
const { Writable } = require('stream');
const { runTimed } = require('../duplex/common');

const corkTest = (useEnd) => (log) => {
  let seenEnd = false;
  const w = new Writable();
  w._write = (chunk, encoding, cb) => { log('write:' + chunk + '/' + encoding + (seenEnd ? ' AFTER-FINISH' : '')); cb(); };
  w.on('finish', () => { seenEnd = true; log('finish'); });
  log('ret=' + w.write('stuff'));
  w.cork();
  log('corked');
  const input = ['please', 'buffer', 'me', 'kindly'];
  const nextChunk = () => {
    const c = input.shift();
    if (c) {
      setImmediate(() => { log('ret=' + w.write(c)); nextChunk(); });
    } else {
      log('len=' + w.writableLength);
      if (useEnd) w.end(); else w.uncork();
      log(`after ${useEnd ? 'end' : 'uncork'} len=${w.writableLength} corked=${w.writableCorked}`);
      setImmediate(() => log('imm seenEnd=' + seenEnd));
    }
  };
  nextChunk();
};
runTimed({ end: corkTest(true) }, 50);
