// Twin of spec/pipe/pipe_await_drain_spec.lua (test-stream-pipe-await-drain.js):
// one case per `it`; _readableState.awaitDrainWriters printed as null, w
// (the one destination) or setN. Run: node test/twins/pipe/pipe_await_drain.js
'use strict';
const { Readable, Writable } = require('stream');
const { runTimed, AW } = require('../duplex/common');

runTimed({
  slow_second_destination(log) {
    const reader = new Readable();
    const writer1 = new Writable();
    const writer2 = new Writable();
    const buffer = Buffer.alloc(560000);
    reader._read = () => {};
    writer1._write = function(chunk, e, cb) { log('w1:' + chunk.length); this.emit('chunk-received'); cb(); };
    writer1.once('chunk-received', () => setImmediate(() => { log('push2'); reader.push(buffer); }));
    writer2._write = (chunk) => log('w2:' + chunk.length);
    reader.pipe(writer1);
    reader.pipe(writer2);
    log(reader.push(buffer));
    setTimeout(() => log('flowing:' + reader.readableFlowing + ':' + reader.readableLength), 20);
  },
  two_slow_writers(log) {
    const reader = new Readable({ read() {} });
    const cbs = [];
    const slow = (name) => new Writable({ highWaterMark: 10, write(c, e, cb) { log(name + ':' + c.length); cbs.push([name, cb]); } });
    const w1 = slow('w1'), w2 = slow('w2');
    reader.pipe(w1);
    reader.pipe(w2);
    reader.push(Buffer.alloc(20));
    setImmediate(() => {
      log('aw:' + AW(reader, w1) + ':' + reader.isPaused());
      reader.push(Buffer.alloc(5));
      const first = cbs.shift();
      log('cb ' + first[0]);
      first[1]();
      setImmediate(() => {
        log('aw:' + AW(reader, w1) + ':' + reader.isPaused());
        const second = cbs.shift();
        log('cb ' + second[0]);
        second[1]();
        setImmediate(() => {
          log('aw:' + AW(reader, w1) + ':' + reader.isPaused() + ':' + reader.readableLength);
          reader.unpipe();
        });
      });
    });
  },
}, 60);
