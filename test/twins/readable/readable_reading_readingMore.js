// Twin of spec/readable/readable_reading_readingMore_spec.lua
// (test-stream-readable-reading-readingMore.js, through the events the state
// implies): one case per `it`; read()'s null is logged as "null".
// Run: node test/twins/readable/readable_reading_readingMore.js
'use strict';
const { Readable } = require('stream');
const { runTimed } = require('../duplex/common');

const nullstr = (c) => (c === null ? 'null' : String(c));
runTimed({
  pause_read_resume(log) {
    const r = new Readable({ read() { log('_read'); } });
    r.on('data', (d) => log('data:' + d + ':' + r.readableFlowing));
    r.on('readable', () => { log('readable'); log(nullstr(r.read())); });
    r.on('end', () => log('end'));
    log(r.push('pushed'));
    r.pause();
    log(nullstr(r.read(6)));
    r.resume();
    r.unshift('unshifted');
    r.push(null);
    log('sync-done');
  },
  flowing(log) {
    const r = new Readable({ read() { log('_read'); } });
    r.on('data', (d) => log('data:' + d));
    r.on('end', () => log('end'));
    r.push('pushed');
    log('sync-done');
    process.nextTick(() => { log('tick'); r.push(null); });
  },
  paused(log) {
    const r = new Readable({ read() { log('_read'); } });
    r.on('readable', () => { log('readable'); log(nullstr(r.read())); });
    r.on('end', () => log('end'));
    r.push('pushed');
    log('sync-done');
    process.nextTick(() => { log('tick'); r.push(null); });
  },
}, 30);
