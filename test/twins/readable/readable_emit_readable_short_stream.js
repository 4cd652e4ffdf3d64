// Twin of spec/readable/readable_emit_readable_short_stream_spec.lua
// (test-stream-readable-emit-readable-short-stream.js retold as logs), with
// node v20: each case prints the log its spec asserts.
// Run: node test/twins/readable/readable_emit_readable_short_stream.js
'use strict';
const { Readable, Transform } = require('stream');
const { run } = require('../duplex/common');

const transform = (log) => new Transform({
  transform(c, e, cb) { log('transform'); this.push(c); cb(); },
  flush(cb) { log('flush'); cb(); },
});
const drain = (r, log) => () => {
  log('readable');
  let c;
  while ((c = r.read()) !== null) log(String(c));
};

run({
  readable_piped_into_transform(log) {
    const r = new Readable({ read() { this.push('content'); this.push(null); } });
    const t = transform(log);
    r.pipe(t);
    t.on('readable', drain(t, log));
    t.on('end', () => log('end'));
  },
  transform_end_content(log) {
    const t = transform(log);
    t.end('content');
    t.on('readable', drain(t, log));
    t.on('end', () => log('end'));
  },
  transform_write_then_end(log) {
    const t = transform(log);
    t.write('content');
    t.end();
    t.on('readable', drain(t, log));
    t.on('end', () => log('end'));
  },
  readable_sync_push(log) {
    const r = new Readable({ read() {} });
    r.on('readable', drain(r, log));
    r.on('end', () => log('end'));
    r.push('content');
    r.push(null);
  },
  readable_next_tick_push(log) {
    const r = new Readable({ read() {} });
    r.on('readable', drain(r, log));
    r.on('end', () => log('end'));
    process.nextTick(() => { r.push('content'); r.push(null); });
  },
  transform_listener_first(log) {
    const t = transform(log);
    t.on('readable', drain(t, log));
    t.on('end', () => log('end'));
    t.write('content');
    t.end();
  },
});
