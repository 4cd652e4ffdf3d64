// Twin of spec/readable/readable_event_spec.lua (test-stream-readable-event.js):
// one case per `it`; read()'s null is logged as "null".
// Run: node test/twins/readable/readable_event.js
'use strict';
const { Readable } = require('stream');
const { runTimed } = require('../duplex/common');

const nullstr = (c) => (c === null ? 'null' : String(c));
runTimed({
  added_later(log) {
    const r = new Readable({ highWaterMark: 3, read() { log('_read'); } });
    log(r.push(Buffer.from('blerg')));
    setTimeout(() => {
      log('len:' + r.readableLength);
      r.on('readable', () => log('readable'));
    }, 1);
  },
  while_reading(log) {
    const r = new Readable({ highWaterMark: 3, read() { log('_read'); } });
    log(r.push(Buffer.from('bl')));
    setTimeout(() => {
      log('len:' + r.readableLength);
      r.on('readable', () => log('readable'));
    }, 1);
  },
  at_eof(log) {
    const r = new Readable({ highWaterMark: 30, read() { log('_read'); } });
    r.push(Buffer.from('blerg'));
    r.push(null);
    setTimeout(() => {
      r.on('readable', () => log('readable'));
      r.on('end', () => log('end'));
    }, 1);
  },
  empty_push(log) {
    // Lua's table.remove gives nil once the list is empty: push(null).
    const data = ['', 'x', 'y', '', 'z'];
    const r = new Readable({ encoding: 'utf8', read() {
      process.nextTick(() => this.push(data.length ? data.shift() : null));
    } });
    r.on('readable', () => log('readable:' + nullstr(r.read())));
    r.on('end', () => log('end'));
  },
  remove_all_listeners(log) {
    const r = new Readable({ read() {} });
    r.on('data', () => {});
    r.removeAllListeners();
    for (const e of ['data', 'readable', 'end', 'error', 'close', 'pause', 'resume']) log(r.listenerCount(e));
  },
}, 50);
