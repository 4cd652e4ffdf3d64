// Twin of spec/readable/readable_object_multi_push_async_spec.lua
// (test-stream-readable-object-multi-push-async.js, the 'readable' variant).
// Run: node test/twins/readable/readable_object_multi_push_async.js
'use strict';
const { Readable } = require('stream');
const { runTimed } = require('../duplex/common');

runTimed({
  multi_push(log) {
    const got = [];
    const MAX = 42, BATCH = 10;
    let i = 0, reads = 0;
    const fetchData = (cb) => {
      if (i > MAX) return setTimeout(cb, 10, null, []);
      const array = [];
      const max = i + BATCH;
      for (; i < max; i++) array.push(i);
      setTimeout(cb, 10, null, array);
    };
    const r = new Readable({ objectMode: true, read() {
      reads++;
      fetchData((err, data) => {
        if (data.length === 0) { log('push null'); this.push(null); return; }
        data.forEach((d) => this.push(d));
      });
    } });
    r.on('readable', () => {
      log('readable');
      let d;
      while (null !== (d = r.read())) got.push(d);
    });
    r.on('end', () => { log('end'); log(i); log(reads); log(got.length); log(got[0]); log(got[got.length - 1]); });
  },
}, 200);
