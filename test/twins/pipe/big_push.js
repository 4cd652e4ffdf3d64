// Twin of spec/pipe/big_push_spec.lua (test-stream-big-push.js); read()'s
// null logged as "null". Run: node test/twins/pipe/big_push.js
'use strict';
const { Readable } = require('stream');
const { runTimed } = require('../duplex/common');

const nullstr = (c) => (c === null ? 'null' : String(c));
runTimed({
  big_push(log) {
    const str = 'asdfasdfasdfasdfasdf';
    const r = new Readable({ highWaterMark: 5, encoding: 'utf8' });
    let reads = 0;
    r._read = () => {
      log('_read');
      if (reads === 0) {
        setTimeout(() => r.push(str), 1);
        reads++;
      } else if (reads === 1) {
        log('push:' + r.push(str));
        reads++;
      } else {
        log('eof');
        r.push(null);
      }
    };
    r.on('end', () => log('end'));
    log(r.push(str));
    log(nullstr(r.read()));
    log(nullstr(r.read()));
    r.once('readable', () => {
      log('readable');
      log(nullstr(r.read()));
      log(nullstr(r.read()));
    });
  },
}, 50);
