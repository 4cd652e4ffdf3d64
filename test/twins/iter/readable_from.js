// Twin of spec/iter/readable_from_spec.lua (test-readable-from.js): one case
// per `it`, printed as `case<TAB>JSON array`. A Lua iterator function (called
// until it returns nil) is a JS iterator whose next() calls it; a coroutine
// is a generator; a byte chunk (a Buffer) is a Lua string, so its type is
// logged as "string". Each case starts from a timer, as a busted body starts
// outside any tick. Run: node test/twins/iter/readable_from.js
'use strict';
const { Readable } = require('stream');
const { setTimeout: sleep } = require('timers/promises');
const { runTimedArray } = require('../duplex/common');

// An iterable over fn's results until it returns undefined (Lua's nil).
const fnIter = (fn) => ({
  [Symbol.iterator]() { return this; },
  next() { const v = fn(); return v === undefined ? { done: true } : { value: v, done: false }; },
});
const fnAsyncIter = (fn) => ({
  [Symbol.asyncIterator]() { return this; },
  async next() { const v = await fn(); return v === undefined ? { done: true } : { value: v, done: false }; },
});
const drain = async (r) => {
  const got = [];
  let err;
  try { for await (const x of r) got.push(x); } catch (e) { err = e; }
  return [got, err];
};
const put = (log, ...a) => log.push(...a);

const cases = {
  async iterator_function(log) {
    const items = ['a', 'b', 'c'];
    let i = 0;
    log.push(...(await drain(Readable.from(fnIter(() => items[i++]))))[0]);
  },
  async iterator_function_waits(log) {
    const items = ['a', 'b', 'c'];
    let i = 0;
    log.push(...(await drain(Readable.from(fnAsyncIter(async () => { await sleep(1); return items[i++]; }))))[0]);
  },
  async string_one_chunk(log) {
    log.push(...(await drain(Readable.from('abc')))[0]);
  },
  async array(log) {
    log.push(...(await drain(Readable.from(['a', 'b', 'c'])))[0]);
  },
  data_events(log) {
    const r = Readable.from(function* () { yield 'a'; yield 'b'; yield 'c'; }());
    r.on('data', (c) => log.push(c));
    r.on('end', () => log.push('end'));
  },
  data_events_bytes(log) {
    const r = Readable.from(['a', 'b', 'c'], { objectMode: false });
    r.on('data', (c) => log.push(c.toString()));
    r.on('end', () => log.push('end'));
  },
  async as_transform(log) {
    const source = new Readable({ objectMode: true, read() {
      this.push('a'); this.push('b'); this.push('c'); this.push(null);
    } });
    const r = Readable.from(async function* () {
      for await (const chunk of source) yield chunk.toUpperCase();
    }());
    log.push(...(await drain(r))[0]);
  },
  async iterator_error(log) {
    let step = 0;
    const [got, err] = await drain(Readable.from(fnIter(() => {
      step++;
      if (step <= 2) return step;
      throw new Error('Boum');
    })));
    log.push(...got);
    if (err.message !== 'Boum') log.push('wrong error');
  },

  from_array(log) {
    const r = Readable.from(['a', 'b', 'c']);
    put(log, r.readableObjectMode);
    r.on('data', (c) => put(log, 'data:' + c));
    r.on('end', () => put(log, 'end'));
    r.on('close', () => put(log, 'close'));
  },
  from_string(log) {
    const r = Readable.from('abc');
    r.on('data', (c) => put(log, 'data:' + c));
    r.on('end', () => put(log, 'end'));
  },
  from_iterator_function(log) {
    const items = ['a', 'b', 'c'];
    let i = 0;
    const r = Readable.from(fnIter(() => items[i++]));
    r.on('data', (c) => put(log, 'data:' + c));
    r.on('end', () => put(log, 'end'));
  },
  from_bytes(log) {
    const items = ['a', 'b', 'c'];
    const r = Readable.from(fnIter(() => items.shift()), { objectMode: false });
    put(log, r.readableObjectMode);
    r.on('data', (c) => put(log, Buffer.isBuffer(c) ? 'string' : typeof c, c.toString()));
    r.on('end', () => put(log, 'end'));
  },
  hwm_one_object(log) {
    let calls = 0;
    const r = Readable.from(fnIter(() => { calls++; if (calls <= 40) return calls; }));
    if (r.readableHighWaterMark !== 1) log.push('hwm ' + r.readableHighWaterMark);
    r.read(0);
    setImmediate(() => put(log, 'calls:' + calls, r.readableLength));
  },
  falsey_chunks(log) {
    const r = Readable.from([false, 0, '']);
    r.on('data', (c) => put(log, c));
    r.on('end', () => put(log, 'end'));
  },
  raises(log) {
    const kaboom = new Error('kaboom');
    const r = Readable.from(fnIter(() => { throw kaboom; }));
    r.read();
    r.on('error', (e) => put(log, 'error', e === kaboom, r.destroyed));
    r.on('close', () => put(log, 'close'));
  },
  raises_after_one(log) {
    const kaboom = new Error('kaboom');
    let n = 0;
    const r = Readable.from(fnIter(() => { n++; if (n === 1) return 'a'; throw kaboom; }));
    r.on('data', (c) => put(log, 'data:' + c));
    r.on('error', (e) => put(log, 'error', e === kaboom, r.destroyed));
    r.on('close', () => put(log, 'close'));
    r.on('end', () => put(log, 'end'));
  },
  waits_on_iter(log) {
    const source = new Readable({ objectMode: true, read() {
      this.push('a'); this.push('b'); this.push('c'); this.push(null);
    } });
    const it = source[Symbol.asyncIterator]();
    const r = Readable.from(fnAsyncIter(async () => {
      const { value, done } = await it.next();
      if (!done) return value.toUpperCase();
    }));
    r.on('data', (c) => put(log, c));
    r.on('end', () => put(log, 'end'));
  },
  waits_on_timer(log) {
    let n = 0;
    const r = Readable.from(fnAsyncIter(async () => {
      n++;
      if (n > 3) return undefined;
      await new Promise((res) => setTimeout(res, 2));
      return n;
    }));
    r.on('data', (c) => put(log, c));
    r.on('end', () => put(log, 'end'));
  },
};

runTimedArray(cases, 100);
