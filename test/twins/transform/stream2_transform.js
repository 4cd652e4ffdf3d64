// Twin of spec/transform/stream2_transform_spec.lua (test-stream2-transform.js
// retold as logs), with node v20: each case prints the log its spec asserts.
// put(...) logs each argument as an entry; null as "null". The spec's
// ser()/load() pair is JSON.stringify/JSON.parse here.
// Run: node test/twins/transform/stream2_transform.js
'use strict';
const { Transform, PassThrough } = require('stream');
const { later, run } = require('../duplex/common');

const mk = (log) => (...a) => { for (const x of a) log(x); };
const nullstr = (x) => (x == null ? 'null' : String(x));
const writeAll = (w, list) => { for (const c of list) w.write(c); };
const objects = [
  { foo: 'bar' },
  100,
  'string',
  { nested: { things: [{ foo: 'bar' }, 100, 'string'] } },
];

run({
  writable_side_consumption(log) {
    const put = mk(log);
    let transformed = 0;
    const tx = new Transform({ highWaterMark: 10 });
    tx._transform = (chunk, enc, cb) => { transformed += chunk.length; tx.push(chunk); cb(); };
    for (let i = 1; i <= 10; i++) put(tx.write(Buffer.alloc(i)));
    tx.end();
    put(tx.readableLength, transformed, tx.writableLength);
  },
  passthrough(log) {
    const put = mk(log);
    const pt = new PassThrough();
    writeAll(pt, ['foog', 'bark', 'bazy', 'kuel']);
    pt.end();
    for (let i = 0; i < 5; i++) put(nullstr(pt.read(5)));
  },
  object_passthrough(log) {
    const put = mk(log);
    const pt = new PassThrough({ objectMode: true });
    writeAll(pt, [1, true, false, 0, 'foo', '', { a: 'b' }]);
    pt.end();
    for (let i = 0; i < 8; i++) put(JSON.stringify(pt.read()));
  },
  simple_transform(log) {
    const put = mk(log);
    const pt = new Transform();
    pt._transform = (c, e, cb) => { pt.push(Buffer.alloc(c.length, 'x')); cb(); };
    writeAll(pt, ['foog', 'bark', 'bazy', 'kuel']);
    pt.end();
    for (let i = 0; i < 5; i++) put(nullstr(pt.read(5)));
  },
  simple_object_transform(log) {
    const put = mk(log);
    const pt = new Transform({ objectMode: true });
    pt._transform = (c, e, cb) => { pt.push(JSON.stringify(c)); cb(); };
    writeAll(pt, [1, true, false, 0, 'foo', '', { a: 'b' }]);
    pt.end();
    for (let i = 0; i < 8; i++) put(nullstr(pt.read()));
  },
  async_passthrough(log) {
    const put = mk(log);
    const pt = new Transform();
    pt._transform = (chunk, e, cb) => { setTimeout(() => { pt.push(chunk); cb(); }, 10); };
    writeAll(pt, ['foog', 'bark', 'bazy', 'kuel']);
    pt.end();
    pt.on('finish', () => {
      put('finish');
      for (let i = 0; i < 5; i++) put(nullstr(pt.read(5)));
    });
    return later(300); // its timers outlast the runner's wait
  },
  asymmetric_expand(log) {
    const put = mk(log);
    const pt = new Transform();
    pt._transform = (chunk, e, cb) => {
      setTimeout(() => {
        pt.push(chunk);
        setTimeout(() => { pt.push(chunk); cb(); }, 10);
      }, 10);
    };
    writeAll(pt, ['foog', 'bark', 'bazy', 'kuel']);
    pt.end();
    pt.on('finish', () => {
      put('finish');
      for (let i = 0; i < 8; i++) put(nullstr(pt.read(5)));
    });
    return later(300); // its timers outlast the runner's wait
  },
  asymmetric_compress(log) {
    const put = mk(log);
    const pt = new Transform();
    pt.state = '';
    pt._transform = function(chunk, e, cb) {
      const c = String(chunk)[0];
      setTimeout(() => {
        this.state += c;
        if (this.state.length === 3) { pt.push(Buffer.from(this.state)); this.state = ''; }
        cb();
      }, 10);
    };
    pt._flush = function(cb) { put('flush'); pt.push(Buffer.from(this.state)); this.state = ''; cb(); };
    for (const c of 'abcdeabcdeabcd') pt.write(Buffer.from(c.repeat(4)));
    pt.end();
    pt.on('finish', () => {
      put('finish');
      for (let i = 0; i < 4; i++) put(nullstr(pt.read(5)));
    });
    return later(300); // its timers outlast the runner's wait
  },
  complex_no_stall(log) {
    const put = mk(log);
    let count = 0, saved = null;
    const pt = new Transform({ highWaterMark: 3 });
    pt._transform = (c, e, cb) => {
      if (count++ === 1) saved = c;
      else {
        if (saved) { pt.push(saved); saved = null; }
        pt.push(c);
      }
      cb();
    };
    pt.once('readable', () => {
      put('readable');
      process.nextTick(() => {
        pt.write(Buffer.from('d'));
        pt.write(Buffer.from('ef'), () => { put('cb'); pt.end(); });
        put(nullstr(pt.read()));
        put(nullstr(pt.read()));
      });
    });
    pt.on('finish', () => put('finish'));
    put(pt.write(Buffer.from('abc')));
  },
  event_emission(log) {
    const put = mk(log);
    const pt = new PassThrough();
    let emits = 0;
    pt.on('readable', () => { emits++; });
    pt.write(Buffer.from('foog'));
    pt.write(Buffer.from('bark'));
    put(emits, nullstr(pt.read(5)), nullstr(pt.read(5)), emits);
    pt.write(Buffer.from('bazy'));
    pt.write(Buffer.from('kuel'));
    put(emits, nullstr(pt.read(5)), nullstr(pt.read(5)), nullstr(pt.read(5)));
    pt.end();
    put(emits, nullstr(pt.read(5)), nullstr(pt.read(5)), emits);
    setImmediate(() => put('later', emits));
  },
  event_emission_reordering(log) {
    const put = mk(log);
    const pt = new PassThrough();
    let emits = 0;
    pt.on('readable', () => { emits++; });
    pt.write(Buffer.from('foog'));
    pt.write(Buffer.from('bark'));
    put(emits, nullstr(pt.read(5)), nullstr(pt.read(5)));
    pt.once('readable', () => {
      put('r1', nullstr(pt.read(5)), nullstr(pt.read(5)));
      pt.once('readable', () => {
        put('r2', nullstr(pt.read(5)), nullstr(pt.read(5)));
        pt.once('readable', () => {
          put('r3', nullstr(pt.read(5)), nullstr(pt.read(5)), emits);
        });
        pt.end();
      });
      pt.write(Buffer.from('kuel'));
    });
    pt.write(Buffer.from('bazy'));
  },
  facade(log) {
    const put = mk(log);
    const pt = new PassThrough();
    pt.on('data', (c) => put(String(c)));
    pt.on('end', () => put('end'));
    pt.write(Buffer.from('foog'));
    setTimeout(() => {
      pt.write(Buffer.from('bark'));
      setTimeout(() => {
        pt.write(Buffer.from('bazy'));
        setTimeout(() => {
          pt.write(Buffer.from('kuel'));
          setTimeout(() => pt.end(), 10);
        }, 10);
      }, 10);
    }, 10);
    return later(300); // its timers outlast the runner's wait
  },
  object_parse(log) {
    const put = mk(log);
    let ended = false;
    const jp = new Transform({ objectMode: true });
    jp._transform = (data, e, cb) => {
      try { jp.push(JSON.parse(data)); cb(); } catch (er) { cb(er); }
    };
    jp.on('end', () => { ended = true; put('end'); });
    for (const obj of objects) {
      jp.write(JSON.stringify(obj));
      put(JSON.stringify(jp.read()));
    }
    jp.end();
    jp.read();
    put('sync:' + ended);
    process.nextTick(() => put('tick:' + ended));
  },
  object_stringify(log) {
    const put = mk(log);
    let ended = false;
    const js = new Transform({ objectMode: true });
    js._transform = (data, e, cb) => {
      try { js.push(JSON.stringify(data)); cb(); } catch (er) { cb(er); }
    };
    js.on('end', () => { ended = true; put('end'); });
    for (const obj of objects) {
      js.write(obj);
      put(js.read());
    }
    js.end();
    js.read();
    put('sync:' + ended);
    process.nextTick(() => put('tick:' + ended));
  },
  construct_push(log) {
    const put = mk(log);
    const t = new Transform({
      objectMode: true,
      construct(callback) { this.push('header from constructor'); callback(); },
      transform: (row, encoding, callback) => { callback(null, row); },
    });
    t.on('data', (d) => put(d));
    t.write('firstLine');
    process.nextTick(() => t.write('secondLine'));
  },
});
