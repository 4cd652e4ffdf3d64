// Twin of spec/pipe/pipe_edge_cases_spec.lua (Readable.prototype.pipe in cases
// Node's tests leave implicit), with node v20: each case prints the log its
// spec asserts. put(...) logs each argument as an entry; ev() logs events
// with a prefix per stream; a Buffer's type prints as Lua's "string".
// Run: node test/twins/pipe/pipe_edge_cases.js
'use strict';
const { Readable, Writable, Duplex, Transform, PassThrough } = require('stream');
const { run } = require('../duplex/common');

const mk = (log) => (...a) => { for (const x of a) log(x); };
const noop = () => {};
const writeOk = (c, e, cb) => cb();
const LC = (st, names) => names.map((n) => st.listenerCount(n)).join(',');
const ltype = (c) => (Buffer.isBuffer(c) ? 'string' : typeof c);
const ev = (st, put, names, prefix) => {
  for (const name of names) {
    st.on(name, (e) => {
      if (name === 'error') put(prefix + 'error:' + (e && typeof e === 'object' ? (e.code || e.message) : String(e)));
      else put(prefix + name);
    });
  }
};
const writer = (put, p = 'write:') => new Writable({ write(c, e, cb) { put(p + c); cb(); } });

run({
  source_destroy_err(log) {
    const put = mk(log);
    const src = new Readable({ read: noop });
    const dst = new Writable({ write: writeOk });
    ev(src, put, ['error', 'close', 'end'], 's:');
    ev(dst, put, ['finish', 'close', 'unpipe', 'error'], 'd:');
    src.pipe(dst);
    src.push('a');
    src.destroy('boom');
    setImmediate(() => put(LC(src, ['data', 'end']), LC(dst, ['unpipe', 'error', 'close', 'finish']),
      dst.writableEnded));
  },
  destination_destroy(log) {
    const put = mk(log);
    const src = new Readable({ read: noop });
    const dst = new Writable({ write: writeOk });
    ev(src, put, ['pause', 'close', 'end'], 's:');
    ev(dst, put, ['finish', 'close', 'unpipe', 'error'], 'd:');
    src.pipe(dst);
    dst.destroy();
    setImmediate(() => {
      put(src.readableFlowing, LC(src, ['data', 'end']));
      src.push('x');
      put(src.readableLength);
    });
  },
  destination_ended(log) {
    const put = mk(log);
    const src = new Readable({ read: noop });
    const dst = writer(put);
    ev(src, put, ['pause', 'close', 'end'], 's:');
    ev(dst, put, ['finish', 'close', 'unpipe', 'error'], 'd:');
    src.pipe(dst);
    dst.end('last');
    src.push('more');
    setImmediate(() => put(src.readableFlowing, src.readableLength));
  },
  end_false(log) {
    const put = mk(log);
    const src = new Readable({ read: noop });
    const dst = writer(put);
    ev(dst, put, ['finish', 'close', 'unpipe'], 'd:');
    ev(src, put, ['end', 'close'], 's:');
    src.pipe(dst, { end: false });
    src.push('a');
    src.push(null);
    setImmediate(() => { put(dst.writable); dst.end('z'); });
  },
  source_encoding(log) {
    const put = mk(log);
    const src = new Readable({ read: noop });
    src.setEncoding('hex');
    const dst = new Writable({
      decodeStrings: false,
      write(c, e, cb) { put(ltype(c) + ':' + c + ':' + e); cb(); },
    });
    src.pipe(dst);
    src.push('ab');
    src.push(null);
  },
  resumes_paused(log) {
    const put = mk(log);
    const src = new Readable({ read: noop });
    const dst = writer(put);
    src.pause();
    src.push('a');
    src.pipe(dst);
    put(src.readableFlowing);
    src.push(null);
    dst.on('finish', () => put('finish'));
  },
  data_and_pipe(log) {
    const put = mk(log);
    const src = new Readable({ read: noop });
    const dst = writer(put);
    src.on('data', (d) => put('data:' + d));
    src.pipe(dst);
    src.push('a');
    src.push('b');
    src.push(null);
    dst.on('finish', () => put('finish'));
  },
  unpipe_in_data(log) {
    const put = mk(log);
    const src = new Readable({ read: noop });
    const dst = writer(put);
    src.pipe(dst);
    src.on('data', (d) => {
      put('data:' + d);
      if (String(d) === 'b') src.unpipe(dst);
    });
    src.push('a');
    src.push('b');
    src.push('c');
    src.push(null);
    src.on('end', () => put('end'));
    dst.on('unpipe', () => put('unpipe'));
    setImmediate(() => put(src.readableFlowing, dst.writableEnded));
  },
  bytes_into_object_mode(log) {
    const put = mk(log);
    const src = new Readable({ read: noop });
    const dst = new Writable({ objectMode: true, write(c, e, cb) { put(ltype(c) + ':' + c); cb(); } });
    src.pipe(dst);
    src.push('ab');
    src.push(null);
  },
  destination_write_error(log) {
    const put = mk(log);
    const src = new Readable({ read: noop });
    const dst = new Writable({ write(c, e, cb) { cb('wfail'); } });
    ev(dst, put, ['error', 'close', 'unpipe', 'finish'], 'd:');
    ev(src, put, ['pause', 'close', 'end'], 's:');
    src.pipe(dst);
    src.push('a');
    src.push('b');
    setImmediate(() => put(src.readableFlowing, src.readableLength, LC(src, ['data', 'end'])));
  },
  duplex_destination_destroy(log) {
    const put = mk(log);
    const src = new Readable({ read: noop });
    const d = new Duplex({ read: noop, write(c, e, cb) { put('w:' + c); cb(); } });
    ev(d, put, ['close', 'unpipe', 'error', 'finish'], 'd:');
    ev(src, put, ['pause'], 's:');
    src.pipe(d);
    src.push('a');
    setImmediate(() => {
      d.destroy();
      src.push('b');
      setImmediate(() => put(src.readableFlowing, src.readableLength));
    });
  },
  readable_listener_read(log) {
    const put = mk(log);
    const src = new Readable({ read: noop });
    const dst = writer(put);
    src.on('readable', () => {
      put('readable');
      let c;
      while ((c = src.read()) !== null) put('read:' + c);
    });
    src.pipe(dst);
    put('flowing:' + src.readableFlowing);
    src.push('a');
    src.push('b');
    src.push(null);
    dst.on('finish', () => put('finish'));
  },
  middle_transform_fails(log) {
    const put = mk(log);
    const src = new Readable({ read: noop });
    const t = new Transform({ transform(c, e, cb) { cb('terr'); } });
    const dst = writer(put);
    ev(t, put, ['unpipe', 'error', 'close'], 't:');
    ev(dst, put, ['close', 'finish', 'unpipe'], 'd:');
    ev(src, put, ['pause'], 's:');
    src.pipe(t).pipe(dst);
    src.push('a');
    setImmediate(() => put(src.readableFlowing, dst.writableEnded, dst.destroyed));
  },
  unpipe_waiting_drain(log) {
    const put = mk(log);
    const src = new Readable({ read: noop });
    let cb0;
    const dst = new Writable({ highWaterMark: 1, write(c, e, cb) { put('write:' + c); cb0 = cb; } });
    src.pipe(dst);
    src.push('aa');
    src.push('bb');
    setImmediate(() => {
      put('paused:' + src.isPaused() + ':' + src.readableLength);
      src.unpipe(dst);
      put('after unpipe:' + src.readableFlowing);
      src.on('data', (d) => put('data:' + d));
      src.resume();
      cb0();
    });
  },
  passthrough_chain(log) {
    const put = mk(log);
    const src = new Readable({ read: noop });
    const a = new PassThrough(), b = new PassThrough();
    const dst = writer(put);
    ev(src, put, ['end', 'close'], 's:');
    ev(a, put, ['finish', 'end', 'close'], 'a:');
    ev(b, put, ['finish', 'end', 'close'], 'b:');
    ev(dst, put, ['finish', 'close'], 'd:');
    src.pipe(a).pipe(b).pipe(dst);
    src.push('x');
    src.push(null);
  },
});
