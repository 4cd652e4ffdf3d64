// Twin of spec/readable/unshift_read_race_spec.lua (test-stream-unshift-read-race.js,
// the chunks written and the events logged). Run: node test/twins/readable/unshift_read_race.js
'use strict';
const { Readable, Writable } = require('stream');
const { runTimed, errText } = require('../duplex/common');

runTimed({
  race(log) {
    const written = [];
    const hwm = 10;
    const chunks = 10;
    let data = '';
    for (let i = 0; i < chunks * hwm + Math.ceil(hwm / 2); i++) data += 'asdf'[i % 4];
    let pos = 0, pushedNull = false;
    const w = new Writable({ write(c, e, cb) { written.push(String(c)); cb(); } });
    let r;
    const pushError = () => {
      r.unshift('U');
      w.end();
      log('push-after-eof'); log(r.push('P'));
    };
    r = new Readable({ highWaterMark: hwm, read(n) {
      if (pushedNull) log('_read after null');
      const c = pos < data.length ? data.slice(pos, pos + n) : null;
      pushedNull = c === null;
      const fast = chunks % 3 === 0;
      const go = () => {
        pos += n;
        r.push(c);
        if (c === null) pushError();
      };
      if (fast) go(); else setTimeout(go, 1);
    } });
    r.on('end', () => log('end'));
    r.on('error', (e) => log('error:' + errText(e)));
    r.on('close', () => log('close'));
    r.on('readable', () => {
      let chunk;
      while (null !== (chunk = r.read(10))) {
        w.write(chunk);
        if (chunk.length > 4) r.unshift('1234');
      }
    });
    w.on('finish', () => {
      log('finish'); log(written.length);
      for (const x of written) log(x);
    });
  },
}, 200);
