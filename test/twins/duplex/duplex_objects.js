// Twin of spec/duplex/duplex_spec.lua "an object-mode Duplex reads and
// writes objects on both sides" (after Node's test-stream-duplex.js).
// Prints `case<TAB>JSON array`; the case starts from a timer.
'use strict';
const { Duplex } = require('stream');
const { runTimed } = require('./common.js');

runTimed({
  object_mode(log) {
    const s = new Duplex({ objectMode: true });
    log(s.readableObjectMode); log(s.writableObjectMode); log(s.allowHalfOpen);
    log(s.listenerCount('end'));
    s._write = (obj, e, cb) => { log('write:' + obj.val); cb(); };
    s._read = () => {};
    s.on('data', (o) => log('data:' + o.val));
    for (const ev of ['finish', 'end', 'close']) s.on(ev, () => log(ev));
    s.push({ val: 1 });
    s.end({ val: 2 });
    log('sync');
  },
});
