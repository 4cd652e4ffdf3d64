// Twin of spec/await_spec.lua: stream/promises pipeline and finished,
// events.once, and an async function started and left to run.
// `node await.js [NAME]`; prints `case<TAB>JSON array` of the lines the
// spec logs (undefined as the spec's nil). Each case starts from a timer, as
// a spec body starts outside any tick.
'use strict';
const { Readable, Writable, PassThrough, Transform } = require('stream');
const { pipeline, finished } = require('stream/promises');
const { once, EventEmitter } = require('events');
const { runTimed } = require('../duplex/common.js');
const fmt = (e) => e.code === 20 ? 'ABORT_ERR' : (e.code || e.message);

const sink = (got) => new Writable({
  objectMode: true,
  write(chunk, enc, cb) { got.push(String(chunk)); cb(); },
});

const cases = {
  async pipeline(out) {
    const got = [];
    const upper = new Transform({
      objectMode: true,
      transform(chunk, enc, cb) { cb(null, chunk.toUpperCase()); },
    });
    const v = await pipeline(Readable.from(['a', 'b']), upper, sink(got));
    out('done', v, got.join(','));
    const bad = new Transform({ transform(chunk, enc, cb) { cb(new Error('boom')); } });
    try { await pipeline(Readable.from(['a']), bad, sink([])); } catch (e) { out('error', false, fmt(e)); }
    const ac = new AbortController();
    const a = new PassThrough();
    setTimeout(() => ac.abort('stop'), 1);
    try { await pipeline(a, new PassThrough(), { signal: ac.signal }); } catch (e) {
      out('abort', false, e.name, fmt(e), e.cause, a.destroyed);
    }
    const r = await pipeline(Readable.from(['x', 'y']), async function (source) {
      let n = 0;
      for await (const c of source) n += c.length;
      return n;
    });
    out('value', r);
  },
  async finished(out) {
    const r = Readable.from(['a']);
    r.resume();
    await finished(r);
    out('ended', r.readableEnded);
    const p = new PassThrough();
    setTimeout(() => p.destroy(new Error('boom')), 1);
    try { await finished(p); } catch (e) { out('error', false, fmt(e)); }
    const q = new PassThrough();
    setTimeout(() => q.destroy(), 1);
    try { await finished(q); } catch (e) { out('error', false, fmt(e)); }
    const ac = new AbortController();
    const z = new PassThrough();
    setTimeout(() => ac.abort(), 1);
    try { await finished(z, { signal: ac.signal }); } catch (e) { out('abort', false, e.name, z.destroyed); }
  },
  async once(out) {
    const ee = new EventEmitter();
    setTimeout(() => ee.emit('foo', 1, 2), 1);
    out('values', ...(await once(ee, 'foo')));
    setTimeout(() => ee.emit('error', new Error('boom')), 1);
    try { await once(ee, 'foo'); } catch (e) { out('error', false, fmt(e)); }
    out('listeners', ee.listenerCount('foo'), ee.listenerCount('error'));
    const ac = new AbortController();
    setTimeout(() => ac.abort('why'), 1);
    try { await once(ee, 'foo', { signal: ac.signal }); } catch (e) { out('abort', false, e.name, fmt(e), e.cause); }
    out('listeners', ee.listenerCount('foo'), ee.listenerCount('error'));
    setTimeout(() => ee.emit('error', new Error('boom')), 1);
    const [e] = await once(ee, 'error');
    out('error event', fmt(e));
  },
  // From a timer's callback, not from inside a microtask as the cases above.
  order(out) {
    const ee = new EventEmitter();
    const f = async (x) => {
      out('in', x);
      const [v] = await once(ee, 'go');
      out('after', v);
    };
    f(1);
    out('called');
    process.nextTick(() => out('tick'));
    ee.emit('go', 7);
    out('emitted');
  },
  // How many microtasks after the event once() resumes (a chain counts).
  onceMicrotasks(out) {
    let n = 0;
    const step = () => { n++; if (n < 50) queueMicrotask(step); };
    const ee = new EventEmitter();
    (async () => { await once(ee, 'x'); out(n); })();
    queueMicrotask(() => ee.emit('x'));
    queueMicrotask(step);
  },
  async abortedAlready(out) {
    try { await once(new EventEmitter(), 'x', { signal: AbortSignal.abort('r') }); } catch (e) {
      out(false, fmt(e), e.cause);
    }
  },
};

// The spec's log: entries joined by spaces, undefined written as Lua's nil.
const wrap = (fn) => (log) => fn((...a) => log(...a.map((v) => (v === undefined ? 'nil' : v))));
runTimed(Object.fromEntries(Object.entries(cases).map(([k, f]) => [k, wrap(f)])), 200);
