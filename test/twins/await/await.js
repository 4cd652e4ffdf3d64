// Twin of spec/await_spec.lua: stream/promises pipeline and finished,
// events.once, and an async function started and left to run.
// `node await.js [NAME]`; prints "<case>: <item>".
'use strict';
const { Readable, Writable, PassThrough, Transform } = require('stream');
const { pipeline, finished } = require('stream/promises');
const { once, EventEmitter } = require('events');
const out = (c, ...a) => console.log(c + ': ' + a.join(' '));
const fmt = (e) => e.code === 20 ? 'ABORT_ERR' : (e.code || e.message);

const sink = (got) => new Writable({
  objectMode: true,
  write(chunk, enc, cb) { got.push(String(chunk)); cb(); },
});

const cases = {
  async pipeline() {
    const got = [];
    const upper = new Transform({
      objectMode: true,
      transform(chunk, enc, cb) { cb(null, chunk.toUpperCase()); },
    });
    const v = await pipeline(Readable.from(['a', 'b']), upper, sink(got));
    out('pipeline', 'done', v, got.join(','));
    const bad = new Transform({ transform(chunk, enc, cb) { cb(new Error('boom')); } });
    try { await pipeline(Readable.from(['a']), bad, sink([])); } catch (e) { out('pipeline', 'error', fmt(e)); }
    const ac = new AbortController();
    const a = new PassThrough();
    setTimeout(() => ac.abort('stop'), 1);
    try { await pipeline(a, new PassThrough(), { signal: ac.signal }); } catch (e) {
      out('pipeline', 'abort', e.name, fmt(e), e.cause, a.destroyed);
    }
    const r = await pipeline(Readable.from(['x', 'y']), async function (source) {
      let n = 0;
      for await (const c of source) n += c.length;
      return n;
    });
    out('pipeline', 'value', r);
  },
  async finished() {
    const r = Readable.from(['a']);
    r.resume();
    await finished(r);
    out('finished', 'ended', r.readableEnded);
    const p = new PassThrough();
    setTimeout(() => p.destroy(new Error('boom')), 1);
    try { await finished(p); } catch (e) { out('finished', 'error', fmt(e)); }
    const q = new PassThrough();
    setTimeout(() => q.destroy(), 1);
    try { await finished(q); } catch (e) { out('finished', 'error', fmt(e)); }
    const ac = new AbortController();
    const z = new PassThrough();
    setTimeout(() => ac.abort(), 1);
    try { await finished(z, { signal: ac.signal }); } catch (e) { out('finished', 'abort', e.name, z.destroyed); }
  },
  async once() {
    const ee = new EventEmitter();
    setTimeout(() => ee.emit('foo', 1, 2), 1);
    out('once', 'values', ...(await once(ee, 'foo')));
    setTimeout(() => ee.emit('error', new Error('boom')), 1);
    try { await once(ee, 'foo'); } catch (e) { out('once', 'error', fmt(e)); }
    out('once', 'listeners', ee.listenerCount('foo'), ee.listenerCount('error'));
    const ac = new AbortController();
    setTimeout(() => ac.abort('why'), 1);
    try { await once(ee, 'foo', { signal: ac.signal }); } catch (e) { out('once', 'abort', e.name, fmt(e), e.cause); }
    out('once', 'listeners', ee.listenerCount('foo'), ee.listenerCount('error'));
    setTimeout(() => ee.emit('error', new Error('boom')), 1);
    const [e] = await once(ee, 'error');
    out('once', 'error event', fmt(e));
  },
};

// From the main script, not from inside a microtask as the cases above.
function order() {
  {
    const ee = new EventEmitter();
    const f = async (x) => {
      out('order', 'in', x);
      const [v] = await once(ee, 'go');
      out('order', 'after', v);
    };
    f(1);
    out('order', 'called');
    process.nextTick(() => out('order', 'tick'));
    ee.emit('go', 7);
    out('order', 'emitted');
  }
}

// How many microtasks after the event once() resumes (a chain counts).
function onceMicrotasks() {
  let n = 0;
  const step = () => { n++; if (n < 50) queueMicrotask(step); };
  const ee = new EventEmitter();
  (async () => { await once(ee, 'x'); out('onceMicrotasks', n); })();
  queueMicrotask(() => ee.emit('x'));
  queueMicrotask(step);
}

(async () => {
  const only = process.argv[2];
  if (only === 'order') return order();
  if (only === 'onceMicrotasks') return onceMicrotasks();
  for (const name of Object.keys(cases)) {
    if (!only || only === name) await cases[name]();
  }
})();
