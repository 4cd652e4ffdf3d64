// Twin of spec/pipeline/pipeline_spec.lua (test-stream-pipeline.js with
// streams, legacy streams and arrays as stages), with node v20: each case
// prints the log its spec asserts. Run: node test/twins/pipeline/pipeline.js
'use strict';
const { Stream, Readable, Writable, Duplex, Transform, PassThrough, pipeline } = require('stream');
const { errText, run } = require('../duplex/common');

const writer = (out) => new Writable({ write(chunk, enc, cb) { out.push(chunk); cb(); } });
const ok = (cb) => new Writable({ write(c, e, cb2) { cb2(); } });
const legacy = () => {
  const s = new Stream();
  s.pause = () => {};
  s.resume = () => {};
  return s;
};

run({
  pipes_readable_writable(log) {
    const read = new Readable({ read() {} });
    const write = new Writable({ write(d, e, cb) { log('write', d); cb(); } });
    write.on('finish', () => log('finish'));
    for (const x of ['a', 'b', 'c']) read.push(x);
    read.push(null);
    pipeline(read, write, (err) => log('cb', errText(err)));
  },
  source_destroy_premature(log) {
    const read = new Readable({ read() {} });
    const write = ok();
    read.push('data');
    setImmediate(() => read.destroy());
    pipeline(read, write, (err) => log('cb', errText(err)));
  },
  source_destroy_err(log) {
    const read = new Readable({ read() {} });
    const write = ok();
    const kaboom = new Error('kaboom');
    read.push('data');
    setImmediate(() => read.destroy(kaboom));
    const dst = pipeline(read, write, (err) => log('cb', err === kaboom));
    log('dst', dst === write);
  },
  transform_error(log) {
    const kaboom = new Error('kaboom');
    const read = new Readable({ read() {} });
    const transform = new Transform({ transform(c, e, cb) { cb(kaboom); } });
    const write = ok();
    for (const [name, s] of [['read', read], ['transform', transform], ['write', write]]) {
      s.on('close', () => log(name, 'close'));
      s.on('error', (e) => log(name, 'error', errText(e), e === kaboom));
    }
    const dst = pipeline(read, transform, write, (err) => log('cb', errText(err), err === kaboom));
    log('dst', dst === write);
    read.push('hello');
  },
  six_transforms_sink_fails(log) {
    const kaboom = new Error('kaboom');
    const makeTransform = (i) => {
      const tr = new Transform({ transform(d, e, cb) { cb(null, d); } });
      tr.on('close', () => log('close', i));
      return tr;
    };
    const rs = new Readable({ read() { rs.push('hello'); } });
    let cnt = 10;
    const ws = new Writable({ write(d, e, cb) {
      cnt--;
      if (cnt === 0) return cb(kaboom);
      cb();
    } });
    rs.on('close', () => log('close', 'rs'));
    ws.on('close', () => log('close', 'ws'));
    pipeline(rs, makeTransform(1), makeTransform(2), makeTransform(3), makeTransform(4),
             makeTransform(5), makeTransform(6), ws, (err) => log('cb', err === kaboom));
  },
  legacy_middle(log) {
    const old = legacy();
    old.write = (data) => { old.emit('data', data); return true; };
    old.end = () => { old.emit('end'); };
    const rs = new Readable({ read() { rs.push('hello'); rs.push('world'); rs.push(null); } });
    const ws = new Writable({ write(d, e, cb) { log('write', d); cb(); } });
    ws.on('finish', () => log('finish'));
    pipeline(rs, old, ws, (err) => log('cb', errText(err)));
  },
  legacy_destroy(log) {
    const makeOld = () => {
      const old = legacy();
      old.write = (data) => { old.emit('data', data); return true; };
      old.end = () => { old.emit('end'); };
      return old;
    };
    const old = makeOld(), destroyable = makeOld();
    destroyable.destroy = () => { log('destroy'); destroyable.emit('close'); };
    const stop = new Error('stop');
    const rs = new Readable({ read() { rs.destroy(stop); } });
    const ws = ok();
    ws.on('finish', () => log('finish'));
    pipeline(rs, old, destroyable, ws, (err) => log('cb', err === stop));
  },
  no_auto_destroy(log) {
    const src = new PassThrough({ autoDestroy: false });
    const dst = new PassThrough({ autoDestroy: false });
    pipeline(src, dst, (err) => log('cb', errText(err), src.destroyed, dst.destroyed));
    src.end();
  },
  close_before_end(log) {
    const r = new Readable({ read() {} });
    const w = ok();
    pipeline(r, w, (err) => log('cb', errText(err)));
    r.push('asd');
    r.push(null);
    r.emit('close');
  },
  readable_last_not_destroyed(log) {
    const src = new PassThrough(), dst = new PassThrough();
    pipeline(src, dst, (err) => log('cb', errText(err), dst.destroyed));
    src.end();
  },
  duplex_source_writable_kept(log) {
    const src = new PassThrough();
    log('before', src.writable);
    const dst = new PassThrough();
    pipeline(src, dst, (err) => log('cb', errText(err), src.writable, src.destroyed));
    src.push(null);
  },
  returned_destroy_premature(log) {
    const src = new PassThrough();
    const dst = pipeline(src, async function*(source) { for await (const c of source) yield c; },
                         (err) => log('cb', errText(err)));
    src.push('asd');
    dst.destroy();
  },
  async_destroy_source(log) {
    let closed = false;
    const src = new Readable({ read() {}, destroy(err, cb) { process.nextTick(cb); } });
    const dst = ok();
    src.on('close', () => { closed = true; });
    src.push(null);
    pipeline(src, dst, (err) => log('cb', errText(err), closed));
  },
  async_destroy_source_duplex(log) {
    let closed = false;
    const src = new Readable({ read() {}, destroy(err, cb) { process.nextTick(cb); } });
    const dst = new Duplex({ read() {}, write(c, e, cb) { cb(); } });
    src.on('close', () => { closed = true; });
    src.push(null);
    pipeline(src, dst, (err) => log('cb', errText(err), closed));
  },
  duplex_busy_writable(log) {
    const d = new Duplex({
      autoDestroy: false,
      write(data, e, cb) { log('write'); d.push(data); cb(); },
      read() { log('read'); d.push(null); },
      final(cb) {
        log('final');
        setTimeout(() => { log('final-cb', d.destroyed); cb(); }, 10);
      },
      destroy() { log('destroy'); },
    });
    const sink = new Writable({ write(data, e, cb) { log('sink-write', data); cb(); } });
    pipeline(d, sink, (err) => log('cb', errText(err)));
    d.write('test');
    d.end();
  },
  streams_array(log) {
    const r = new Readable({ read() {} });
    r.push('hello');
    r.push('world');
    r.push(null);
    const res = [];
    pipeline([r, writer(res)], (err) => log('cb', errText(err), res.join('')));
  },
  transform_flush(log) {
    let flushed = false;
    const input = new Readable({ read() {} });
    input.push(null);
    pipeline(input, new Transform({
      transform(chunk, e, cb) { cb(null, chunk); },
      flush(cb) { setTimeout(() => { flushed = true; cb(); }, 1); },
    }), (err) => log('cb', errText(err), flushed));
  },
  async array_sources(log) {
    const entries = [];
    const L = (...a) => entries.push(a.map(String).join(' '));
    pipeline([1, 2, 3], new PassThrough({ objectMode: true }), (err) => L('objects', errText(err)));
    const res = [];
    pipeline(['1', '2', '3'], writer(res), (err) => L('strings', errText(err), res.join('')));
    await new Promise((r) => setTimeout(r, 20));
    entries.sort();
    for (const e of entries) log(e);
  },
  from_string_source(log) {
    const res = [];
    const write = writer(res);
    write.on('finish', () => log('finish'));
    pipeline([Readable.from('Hello World!'), write], (err) => log('cb', errText(err), res.join('')));
  },
  legacy_writable_no_destroy(log) {
    const stop = new Error('stop');
    const writable = new Stream();
    writable.write = (chunk, enc, cb) => { if (cb) cb(); return true; };
    writable.on('error', (err) => log('error', err === stop));
    pipeline(Readable.from((async function*() { throw stop; })()), writable,
             (err) => log('cb', err === stop));
  },
  own_end(log) {
    class CustomReadable extends Readable {
      _read() { this.push('asd'); this.push(null); }
    }
    class CustomWritable extends Writable {
      constructor() { super(); this.endCount = 0; this.str = ''; }
      _write(chunk, enc, cb) { this.str += chunk; cb(); }
      end(...a) { this.endCount++; return super.end(...a); }
    }
    const writable = new CustomWritable();
    pipeline(new CustomReadable(), writable,
             (err) => log('cb', errText(err), writable.str, writable.endCount));
  },
  source_already_ended(log) {
    const readable = new Readable({ read() {} });
    readable.on('end', () => {
      pipeline(readable, new PassThrough(), (err) => log('cb', errText(err)));
    });
    readable.push(null);
    readable.read();
  },
  duplex_source_already_ended(log) {
    const dup = new Duplex({ read() {}, write(c, e, cb) { cb(); } });
    dup.on('end', () => {
      pipeline(dup, new PassThrough(), (err) => log('cb', errText(err)));
    });
    dup.push(null);
    dup.read();
  },
  final_after_end_large(log) {
    const r = new Readable({ read() {} });
    for (let i = 0; i < 4000; i++) r.push('asdfdagljanfgkaljdfn');
    r.push(null);
    let ended = false;
    r.on('end', () => { ended = true; });
    const w = new Writable({
      write(c, e, cb) { cb(); },
      final(cb) { log('final', ended); cb(); },
    });
    pipeline(r, w, (err) => log('cb', errText(err)));
  },
  slow_destination(log) {
    const problem = new Error('problem');
    const src = new Readable({ read() {} });
    const dst = new Writable({ write(c, e, cb) { cb(); }, destroy(err, cb) { setImmediate(cb); } });
    pipeline(src, dst, (err) => log('cb', src.closed, dst.closed, err === problem));
    src.destroy(problem);
  },
  slow_destination_10(log) {
    const problem = new Error('problem');
    const src = new Readable({ read() {} });
    const dst = new Writable({ write(c, e, cb) { cb(); }, destroy(err, cb) { setImmediate(cb); } });
    const pts = [];
    for (let i = 0; i < 10; i++) pts.push(new PassThrough());
    pipeline(src, ...pts, dst, (err) => {
      log('cb', src.closed, dst.closed, err === problem, pts.every((p) => p.closed));
    });
    src.destroy(problem);
  },
});
