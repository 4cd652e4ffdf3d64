// Twin of spec/pipe/big_packet_spec.lua (test-stream-big-packet.js).
// Run: node test/twins/pipe/big_packet.js
'use strict';
const { Transform } = require('stream');
const { runTimed } = require('../duplex/common');

runTimed({
  big_packet(log) {
    let passed = false;
    class PassThrough extends Transform { _transform(chunk, encoding, done) { this.push(chunk); done(); } }
    class TestStream extends Transform {
      _transform(chunk, encoding, done) {
        log('t:' + chunk.length);
        if (!passed) passed = chunk.toString().includes('a');
        done();
      }
    }
    const s1 = new PassThrough(), s2 = new PassThrough(), s3 = new TestStream();
    s1.pipe(s3);
    s2.pipe(s3, { end: false });
    const big = Buffer.alloc(s1.writableHighWaterMark + 1, 'x');
    log(s1.write(big));
    log(s2.write('tiny'));
    setImmediate(() => log('later:' + s1.write('later')));
    setTimeout(() => log('passed:' + passed), 20);
  },
}, 50);
