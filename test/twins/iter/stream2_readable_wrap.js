// Twin of spec/iter/stream2_readable_wrap_spec.lua (test-stream2-readable-wrap.js):
// one case per `it`. Run: node test/twins/iter/stream2_readable_wrap.js
'use strict';
const { Readable, Writable } = require('stream');
const { runTimed, oldStream } = require('../duplex/common');

const runTest = (highWaterMark, objectMode, produce) => (log) => {
  const written = [];
  let pauses = 0, resumes = 0, flowing = false, chunks = 10, oldEnded = false;
  let old;
  const flow = () => {
    flowing = true;
    while (flowing && chunks-- > 0) old.emit('data', produce());
    if (chunks <= 0) { oldEnded = true; old.emit('end'); }
  };
  old = oldStream(() => { pauses++; flowing = false; }, () => { resumes++; flow(); });
  const r = new Readable({ highWaterMark, objectMode });
  log(r === r.wrap(old));
  r.on('end', () => log('end'));
  const w = new Writable({ highWaterMark: highWaterMark * 2, objectMode, write(chunk, e, cb) {
    written.push(chunk);
    setTimeout(cb, 1);
  } });
  w.on('finish', () => { log('finish'); log(oldEnded); log(written.length); log(pauses); log(resumes); });
  r.pipe(w);
  flow();
};
const objectChunks = [5, 'a', false, 0, '', 'xyz', { x: 4 }, 7, [], 555];
runTimed({
  bytes_100: runTest(100, false, () => Buffer.alloc(100)),
  bytes_10: runTest(10, false, () => 'xxxxxxxxxx'),
  objects: runTest(1, true, () => ({ foo: 'bar' })),
  mixed: runTest(1, true, () => objectChunks.shift()),
  pause_resume(log) {
    const old = oldStream(() => log('old pause'), () => log('old resume'));
    const r = new Readable({ highWaterMark: 3 }).wrap(old);
    old.emit('data', 'ab');
    old.emit('data', 'cd');
    log('len'); log(r.readableLength);
    r.on('data', (c) => log('data:' + c));
    r.on('end', () => log('end'));
    setImmediate(() => { old.emit('data', 'ef'); old.emit('end'); });
  },
}, 200);
