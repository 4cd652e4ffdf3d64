// Twin of spec/readable/readable_hwm_0_no_flow_data_spec.lua
// (test-stream-readable-hwm-0-no-flow-data.js, its state checks retold as
// the calls made so far); null readableFlowing logged as "nil", read()'s
// null as "null". Lua's table.remove gives nil once the list is empty:
// push(null). Run: node test/twins/readable/readable_hwm_0_no_flow_data.js
'use strict';
const { Readable } = require('stream');
const { runTimed } = require('../duplex/common');

const nullstr = (c) => (c === null ? 'null' : String(c));
runTimed({
  no_flow(log) {
    const calls = [];
    const data = ['a'];
    const head = () => (data.length ? data[0] : 'null');
    const r = new Readable({ highWaterMark: 0, objectMode: true, read() {
      calls.push('_read:' + head());
      process.nextTick(() => {
        calls.push('push:' + head());
        r.push(data.length ? data.shift() : null);
      });
    } });
    const snap = () => calls.join(',');
    const flowing = () => (r.readableFlowing === null ? 'nil' : String(r.readableFlowing));
    log(flowing());
    r.on('readable', () => calls.push('readable'));
    log(flowing());
    r.on('data', (d) => calls.push('data:' + d));
    r.on('end', () => calls.push('end'));
    log(flowing());
    setTimeout(() => {
      log(snap());
      log(nullstr(r.read()));
      log(snap());
      log(nullstr(r.read()));
      setTimeout(() => {
        log(snap());
        log(nullstr(r.read()));
        log(snap());
        process.nextTick(() => log(snap()));
      }, 1);
    }, 1);
  },
}, 50);
