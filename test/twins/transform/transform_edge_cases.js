// Twin of spec/transform/transform_edge_cases_spec.lua (Transform in cases
// Node's tests leave implicit), with node v20: each case prints the log its
// spec asserts. put(...) logs each argument as an entry; record() logs the
// named events, 'error' as error:<code or message or the value>. The spec's
// Lua strings are UTF-8 text or, where bytes matter, Buffers here.
// Run: node test/twins/transform/transform_edge_cases.js
'use strict';
const { Transform, PassThrough } = require('stream');
const { run } = require('../duplex/common');

const mk = (log) => (...a) => { for (const x of a) log(x); };
const nullstr = (x) => (x == null ? 'null' : String(x));
const text = (e) => (e == null ? 'null' : typeof e === 'object' ? (e.code || e.message) : String(e));
const record = (s, put, names = ['end', 'finish', 'close', 'error']) => {
  for (const n of names) {
    if (n === 'error') s.on('error', (e) => put('error:' + text(e)));
    else s.on(n, () => put(n));
  }
};
const ltype = (c) => (Buffer.isBuffer(c) ? 'string' : typeof c);

run({
  write_after_end(log) {
    const put = mk(log);
    const t = new Transform({ transform(c, e, cb) { cb(null, c); } });
    record(t, put, ['error', 'close', 'finish', 'end']);
    t.end('a');
    t.write('b', (err) => put('cb:' + text(err)));
    t.resume();
  },
  late_transform_cb(log) {
    const put = mk(log);
    let saved;
    const t = new Transform({ transform(c, e, cb) { put('t:' + c); saved = cb; } });
    record(t, put, ['error', 'close', 'finish', 'end', 'data']);
    t.write('a', (err) => put('wcb:' + text(err)));
    t.destroy();
    setImmediate(() => {
      saved(null, 'late');
      put('after late cb:' + t.readableLength);
    });
  },
  full_readable_side(log) {
    const put = mk(log);
    const t = new Transform({
      highWaterMark: 4,
      transform(c, e, cb) { put('t:' + c); cb(null, c); },
    });
    t.on('drain', () => put('drain'));
    for (const c of ['aa', 'bb', 'cc', 'dd', 'ee']) put('w:' + t.write(c));
    put('rl:' + t.readableLength + ' wl:' + t.writableLength);
    setImmediate(() => {
      put('read:' + nullstr(t.read()));
      setImmediate(() => {
        put('rl:' + t.readableLength + ' wl:' + t.writableLength);
        let c;
        while ((c = t.read()) !== null) put('read:' + c);
        setImmediate(() => put('rl:' + t.readableLength + ' wl:' + t.writableLength));
      });
    });
  },
  no_decode_strings(log) {
    const put = mk(log);
    const t = new Transform({
      decodeStrings: false,
      transform(c, e, cb) { put(ltype(c) + ':' + c + ':' + e); cb(); },
    });
    t.write('616263', 'hex');
    t.write('abc');
    t.end();
    t.resume();
  },
  decode_strings(log) {
    const put = mk(log);
    const t = new Transform({ transform(c, e, cb) { put(c + ':' + e); cb(); } });
    t.write('616263', 'hex');
    t.end();
    t.resume();
  },
  flush_push_and_cb(log) {
    const put = mk(log);
    const t = new Transform({
      transform(c, e, cb) { cb(null, c); },
      flush(cb) { this.push('f1'); cb(null, 'f2'); },
    });
    t.on('data', (d) => put('data:' + d));
    record(t, put);
    t.end('x');
  },
  passthrough_no_decode(log) {
    const put = mk(log);
    const pt = new PassThrough({ decodeStrings: false });
    pt.on('data', (d) => put(d + ':' + d.length));
    pt.write('616263', 'hex');
    pt.write('YWJj', 'base64');
    pt.write('\u00e9', 'latin1');
    pt.end();
  },
  passthrough_no_decode_object(log) {
    const put = mk(log);
    const pt = new PassThrough({ decodeStrings: false, objectMode: true });
    pt.on('data', (d) => put(ltype(d) + ':' + d));
    pt.write('616263', 'hex');
    pt.end();
  },
  passthrough_default_encoding(log) {
    const put = mk(log);
    const pt = new PassThrough({ defaultEncoding: 'hex' });
    pt.on('data', (d) => put(String(d)));
    pt.write('616263');
    pt.end();
  },
  passthrough_utf8_whole_chars(log) {
    const put = mk(log);
    const pt = new PassThrough();
    pt.setEncoding('utf8');
    pt.on('data', (d) => put(d));
    pt.write(Buffer.from([0xe2]));
    pt.write(Buffer.from([0x82, 0xac]));
    pt.write('x');
    pt.end();
  },
  final_error_skips_flush(log) {
    const put = mk(log);
    const t = new Transform({
      transform(c, e, cb) { cb(null, c); },
      final(cb) { put('final'); cb('ferr'); },
      flush(cb) { put('flush'); cb(); },
    });
    t.on('data', (d) => put('data:' + d));
    record(t, put, ['error', 'finish', 'end', 'close', 'prefinish']);
    t.end('x');
  },
  writes_from_data(log) {
    const put = mk(log);
    const t = new Transform({ transform(c, e, cb) { put('t:' + c); cb(null, String(c).toUpperCase()); } });
    let n = 0;
    t.on('data', (d) => {
      put('data:' + d);
      if (n < 2) {
        n++;
        put('w:' + t.write('n' + n));
      }
    });
    t.write('a');
    t.on('end', () => put('end'));
    t.end();
  },
  cork_holds(log) {
    const put = mk(log);
    const t = new Transform({ transform(c, e, cb) { put('t:' + c); cb(null, c); } });
    t.on('data', (d) => put('data:' + d));
    t.cork();
    t.write('a');
    t.write('b');
    put('corked:' + t.writableCorked + ':' + t.writableLength);
    process.nextTick(() => {
      t.uncork();
      put('uncorked');
      t.end();
    });
  },
  late_flush_cb(log) {
    const put = mk(log);
    const t = new Transform({
      transform(c, e, cb) { cb(); },
      flush(cb) {
        put('flush');
        setTimeout(() => { put('flushcb'); cb(null, 'late'); }, 5);
      },
    });
    record(t, put, ['error', 'finish', 'end', 'close', 'data']);
    t.end('x');
    setImmediate(() => { put('destroy'); t.destroy(); });
  },
  object_passthrough_hwm(log) {
    const put = mk(log);
    const pt = new PassThrough({ objectMode: true, highWaterMark: 2 });
    put(pt.write(1), pt.write(2), pt.write(3), pt.readableLength, pt.writableLength);
    put(nullstr(pt.read(0)), pt.readableLength);
    pt.on('drain', () => put('drain'));
    put(pt.read(), pt.read(), pt.readableLength, pt.writableLength);
    setImmediate(() => put(pt.readableLength, pt.writableLength, pt.read(), nullstr(pt.read())));
  },
});
