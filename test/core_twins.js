// Node twins of test/test_core.c: the same steps against Node 20's stream
// module, printing each test's log as the C test expects it, one segment
// per EXPECT_LOG ("|" between segments).  Every emit is logged (through a
// patched emit, so events nobody listens to show too), user implementations
// log as the fake host does: _read(n), _write:chunk, _destroy(err), cbN(err).
// Run: node test/core_twins.js
'use strict';
const { Readable, Writable, Duplex, Transform, PassThrough } = require('stream');

const drain = () => new Promise(setImmediate);

function recorder() {
  const parts = [[]];
  const log = (s) => parts[parts.length - 1].push(s);
  log.cut = () => parts.push([]);
  log.text = () => parts.map((p) => p.join(' ')).join(' | ');
  return log;
}
const errText = (e) => (e ? e.code || e.message : '');
// A chunk as the fake host logs bytes: printable ASCII as is, the rest (and
// '\\') as \xHH of its UTF-8, at most 64 bytes.
function bytesText(c) {
  const b = Buffer.isBuffer(c) ? c : Buffer.from(String(c), 'utf8');
  let out = '';
  for (const x of b.subarray(0, 64)) {
    out += x >= 0x20 && x < 0x7f && x !== 0x5c ? String.fromCharCode(x)
      : '\\x' + x.toString(16).padStart(2, '0');
  }
  return b.length > 64 ? out + '+' + Math.min(b.length - 64, 999) : out;
}
function watch(s, log) {
  s.on('error', () => {});
  const emit = s.emit;
  s.emit = function (ev, ...a) {
    if (typeof ev === 'string' && ev !== 'newListener' && ev !== 'removeListener') {
      log(ev + (ev === 'data' ? ':' + bytesText(a[0]) : ev === 'error' ? ':' + errText(a[0]) : ''));
    }
    return emit.call(this, ev, ...a);
  };
  return s;
}
const destroyer = (log) => function (e, cb) { log(`_destroy(${errText(e)})`); cb(e); };
const cbn = (log, n) => (e) => log(`cb${n}(${errText(e)})`);
const reader = (log) => function (n) { log(`_read(${n})`); };

const tests = {
  async push_read_end(log) {
    const r = watch(new Readable({ read: reader(log), destroy: destroyer(log) }), log);
    r.push('ab'); r.push('cd'); r.push(null);
    r.on('readable', () => {});
    await drain(); log.cut();
    r.read(); r.read();
    await drain();
  },
  async text_measure(log) {
    const r = watch(new Readable({ highWaterMark: 2, read: reader(log), destroy: destroyer(log) }), log);
    const push = (b) => log(`push:${r.push(Buffer.from(b)) ? 1 : 0}:${r.readableLength}`);
    const read = (n) => { r.read(n); log(`len:${r.readableLength}`); };
    r.setEncoding('utf8');
    push([0xe2, 0x82, 0xac]); push([0xc3]); push([0xa9]);
    read(1); read(1); log.cut();
    push([0xf0, 0x9f, 0x98, 0x80, 0x78]);
    read(1); read(); log.cut();
    await drain();
  },
  async text_across(log) {
    const r = watch(new Readable({ read: reader(log), destroy: destroyer(log) }), log);
    const read = (n) => { r.read(n); log(`len:${r.readableLength}`); };
    r.setEncoding('utf8');
    r.push(Buffer.from('é')); r.push(Buffer.from('😀')); r.push(Buffer.from('xy'));
    read(3); read(1); read(1); log.cut();
    r.push(Buffer.from('é')); r.push(Buffer.from('€€€')); r.push(Buffer.from('gh'));
    read(4); read(); log.cut();
    await drain();
  },
  async read_n_hwm(log) {
    const r = watch(new Readable({ highWaterMark: 4, read: reader(log) }), log);
    r.read(0); log.cut();
    r.push('ab'); r.push('cd');
    r.read(3);
  },
  async flowing(log) {
    const r = watch(new Readable({ read: reader(log), destroy: destroyer(log) }), log);
    r.on('data', () => {});
    await drain(); log.cut();
    r.push('x'); log.cut();
    await drain(); log.cut();
    r.push(null);
    await drain();
  },
  async pause_unshift_resume(log) {
    const r = watch(new Readable({ read: reader(log) }), log);
    r.pause(); r.push('ab'); r.unshift('>');
    r.on('data', () => {});
    r.resume();
    await drain();
  },
  async readable_destroy_error(log) {
    const r = watch(new Readable({ read: reader(log), destroy: destroyer(log) }), log);
    r.on('data', () => {});
    r.push('a'); r.destroy(new Error('boom')); r.push('b');
    await drain();
  },
  async push_after_eof(log) {
    const r = watch(new Readable({ read: reader(log), destroy: destroyer(log) }), log);
    r.push(null); r.push('late');
    await drain();
  },
  async setencoding_twice(log) {
    const r = new Readable({ read() {} });
    r.push('abc'); r.setEncoding('hex'); r.setEncoding('hex'); r.setEncoding('hex');
    log('read=' + r.read());
  },
  async setencoding_partial(log) {
    const r = new Readable({ read() {} });
    r.push(Buffer.from([0xe2, 0x82])); r.setEncoding('utf8');
    log('length=' + r.readableLength);
    r.push(Buffer.from([0xac]));
    log('read=' + r.read());
  },
  async write_finish(log) {
    const cbs = [];
    const w = watch(new Writable({
      write(c, e, cb) { log('_write:' + c); cbs.push(cb); }, destroy: destroyer(log),
    }), log);
    w.write('a', cbn(log, 1)); w.write('b', cbn(log, 2)); w.write('c'); w.end(cbn(log, 3));
    log.cut();
    cbs.shift()(); cbs.shift()(); cbs.shift()();
    log.cut();
    await drain();
  },
  async sync_batching(log) {
    const w = watch(new Writable({
      highWaterMark: 2, write(c, e, cb) { log('_write:' + c); cb(); },
    }), log);
    const cb = cbn(log, 1);
    for (let i = 0; i < 3; i++) w.write('ab', cb);
    log.cut();
    await drain();
  },
  async async_drain(log) {
    const cbs = [];
    const w = watch(new Writable({
      highWaterMark: 2, write(c, e, cb) { log('_write:' + c); cbs.push(cb); },
    }), log);
    w.write('ab', cbn(log, 1)); w.write('c', cbn(log, 2));
    log.cut(); cbs.shift()(); log.cut(); cbs.shift()(); log.cut();
    await drain();
  },
  async cork_writev(log) {
    let vcb;
    const w = watch(new Writable({
      writev(chunks, cb) { log('_writev:' + chunks.map((c) => c.chunk).join('|')); vcb = cb; },
      destroy: destroyer(log),
    }), log);
    w.cork(); w.write('a', cbn(log, 1)); w.write('b', cbn(log, 2)); w.write('c', cbn(log, 3));
    w.uncork(); log.cut();
    vcb();
  },
  async writable_destroy_error(log) {
    const cbs = [];
    const w = watch(new Writable({
      write(c, e, cb) { log('_write:' + c); cbs.push(cb); }, destroy: destroyer(log),
    }), log);
    w.write('a', cbn(log, 1)); w.write('b', cbn(log, 2)); w.end(cbn(log, 3));
    w.destroy(new Error('boom'));
    await drain(); log.cut();
    cbs.shift()(); log.cut();
    w.write('c', cbn(log, 4));
    await drain();
  },
  async write_error(log) {
    const cbs = [];
    const w = watch(new Writable({
      write(c, e, cb) { log('_write:' + c); cbs.push(cb); }, destroy: destroyer(log),
    }), log);
    w.write('a', cbn(log, 1)); w.end();
    cbs.shift()(new Error('boom'));
    await drain();
  },
  async multiple_callback(log) {
    let wcb;
    const w = watch(new Writable({
      write(c, e, cb) { log('_write:' + c); wcb = cb; }, destroy: destroyer(log),
    }), log);
    w.write('a'); wcb(); wcb();
    await drain();
  },
  async final(log) {
    const cbs = []; let fcb;
    const w = watch(new Writable({
      write(c, e, cb) { log('_write:' + c); cbs.push(cb); },
      final(cb) { log('_final'); fcb = cb; }, destroy: destroyer(log),
    }), log);
    w.write('a'); w.end('z'); cbs.shift()(); cbs.shift()();
    await drain(); log.cut();
    fcb();
    await drain();
  },
  async construct(log) {
    let ccb;
    const d = watch(new Duplex({
      construct(cb) { log('_construct'); ccb = cb; },
      write(c, e, cb) { log('_write:' + c); }, read: reader(log), destroy: destroyer(log),
    }), log);
    await drain(); log.cut();
    d.write('a'); d.read(0); log.cut();
    ccb(); await drain(); log.cut();
    d.destroy(); await drain();
  },
  async destroy_async_cb(log) {
    let dcb, derr;
    const r = watch(new Readable({
      read() {}, destroy(e, cb) { log(`_destroy(${errText(e)})`); dcb = cb; derr = e; },
    }), log);
    r.destroy(new Error('boom'), cbn(log, 1)); r.destroy();
    await drain(); log.cut();
    dcb(derr);
    await drain();
  },
  async destroy_in_read(log) {
    const r = watch(new Readable({
      read(n) { log(`_read(${n})`); this.push('x'); this.destroy(); this.push('y'); },
      destroy: destroyer(log),
    }), log);
    r.on('data', () => {});
    await drain();
  },
  async transform(log) {
    let tcb, fcb;
    const t = watch(new Transform({
      transform(c, e, cb) { log('_transform:' + c); tcb = cb; },
      flush(cb) { log('_flush'); fcb = cb; }, destroy: destroyer(log),
    }), log);
    t.on('data', () => {});
    await drain(); log.cut();
    t.write('ab', cbn(log, 1)); log.cut();
    tcb(null, 'AB'); await drain(); log.cut();
    t.end(); log.cut();
    fcb(null, '!'); await drain();
  },
  async passthrough(log) {
    const p = watch(new PassThrough({ destroy: destroyer(log) }), log);
    p.write('hello ', cbn(log, 1)); p.write('world', cbn(log, 2)); p.end();
    await drain(); log.cut();
    p.read(); p.read();
    await drain();
  },
  async passthrough_flowing(log) {
    const p = watch(new PassThrough({ destroy: destroyer(log) }), log);
    let n = 0;
    p.on('data', () => {
      n++;
      if (n === 1) log('w:' + (p.write('b', cbn(log, 2)) ? 1 : 0));
      else if (n === 3) p.destroy();
    });
    await drain(); log.cut();
    log('w:' + (p.write('a', cbn(log, 1)) ? 1 : 0)); log.cut();
    await drain(); log.cut();
    log('w:' + (p.write('c', cbn(log, 3)) ? 1 : 0)); log.cut();
    await drain();
  },
  async transform_sync(log) {
    let n = 0;
    const t = watch(new Transform({
      transform(c, e, cb) {
        n++;
        log('_transform:' + bytesText(c)); log('wl:' + t.writableLength);
        if (n === 1) log('w:' + (t.write('b', cbn(log, 2)) ? 1 : 0));
        else if (n === 3) t.destroy();
        cb(null, bytesText(c).toUpperCase());
      },
      destroy: destroyer(log),
    }), log);
    t.on('data', () => {});
    await drain(); log.cut();
    log('w:' + (t.write('a', cbn(log, 1)) ? 1 : 0)); log.cut();
    await drain(); log.cut();
    log('w:' + (t.write('c', cbn(log, 3)) ? 1 : 0)); log.cut();
    await drain();
  },
};

(async () => {
  for (const [name, fn] of Object.entries(tests)) {
    const log = recorder();
    await fn(log);
    console.log(`${name}: ${log.text()}`);
  }
})();
