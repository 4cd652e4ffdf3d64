// Twin of spec/operators_spec.lua, "map" cases (after Node's
// test/parallel/test-stream-map.js). Each case prints "<case>: <item>".
'use strict';
const { Readable } = require('stream');
const { setTimeout: sleep } = require('timers/promises');
const { once } = require('events');
const out = (c, ...a) => console.log(c + ': ' + a.join(' '));
const fmt = (e) => e.code === 20 ? 'ABORT_ERR' : (e.code || e.message);

const cases = {
  async sync() {
    out('sync', (await Readable.from([1, 2, 3, 4, 5]).map((x) => x + x).toArray()).join(','));
  },
  async waiting() {
    const s = Readable.from([1, 2, 3, 4, 5]).map(async (x) => { await sleep(1); return x + x; });
    out('waiting', (await s.toArray()).join(','));
  },
  async chained() {
    const s = Readable.from([1, 2, 3, 4, 5]).map(async (x) => x + x).map((x) => x + x);
    out('chained', (await s.toArray()).join(','));
  },
  // The order of fn calls and values received: map's read-ahead.
  async readahead() {
    const s = Readable.from([1, 2, 3, 4, 5]).map((x) => { out('readahead', 'fn', x); return x * 10; });
    for await (const v of s) out('readahead', 'got', v);
    out('readahead', 'done');
  },
  async readahead2() {
    const s = Readable.from([1, 2, 3, 4, 5]).map(async (x) => {
      out('readahead2', 'fn', x);
      await sleep(1);
      return x * 10;
    }, { concurrency: 2 });
    for await (const v of s) out('readahead2', 'got', v);
    out('readahead2', 'done');
  },
  async infinite() {
    let calls = 0;
    const src = Readable.from(async function* () { while (true) yield 1; }());
    const s = src.map(async (x) => { calls++; return x + x; });
    let i = 1;
    for await (const item of s) {
      out('infinite', item);
      if (++i === 5) break;
    }
    await sleep(1);
    out('infinite', 'calls', calls, 'destroyed', s.destroyed, src.destroyed);
  },
  async bytes() {
    const src = new Readable({
      read() { this.push('a'); this.push('b'); this.push(null); },
    });
    const s = src.map(async (x) => x.toString() + '!');
    for await (const v of s) out('bytes', v);
  },
  // A 'data' emitted on the mapped stream by hand changes nothing.
  async dataEvents() {
    const src = new Readable({ read() { this.push('a'); this.push('b'); this.push(null); } });
    const s = src.map(async (x) => x.toString() + '!').map((x) => x + '?');
    setImmediate(() => s.emit('data', 'bogus'));
    for await (const v of s) out('dataEvents', v);
  },
  async throwing() {
    const src = Readable.from([1, 2, 3, 4, 5]);
    const seen = [];
    const s = src.map((x) => { seen.push(x); if (x === 3) throw new Error('boom'); return x + x; });
    try { await s.map((x) => x + x).toArray(); } catch (e) { out('throwing', 'error', e.message); }
    await sleep(1);
    out('throwing', 'seen', seen.join(','), 'destroyed', s.destroyed, src.destroyed);
  },
  async emitted() {
    const s = Readable.from([1, 2, 3, 4, 5]).map(async (x) => {
      if (x === 3) s.emit('error', new Error('boom'));
      return x + x;
    });
    try { await s.map((x) => x + x).toArray(); } catch (e) { out('emitted', 'error', e.message); }
  },
  async abort() {
    const ac = new AbortController();
    let calls = 0;
    const s = Readable.from([1, 2, 3, 4, 5]).map(async (_, { signal }) => {
      calls++;
      await once(signal, 'abort');
      throw signal.reason;
    }, { signal: ac.signal, concurrency: 2 });
    setTimeout(() => ac.abort(), 5);
    try {
      for await (const item of s) out('abort', 'got', item);
    } catch (e) { out('abort', 'error', e.name, fmt(e)); }
    out('abort', 'calls', calls);
  },
  async order() {
    const s = Readable.from([1, 2]).map(async (item) => { await sleep(10 - item * 4); return item; },
                                        { concurrency: 2 });
    out('order', (await s.toArray()).join(','));
  },
  async readable() {
    out('readable', Readable.from([1]).map((x) => x).readable);
  },
};

(async () => {
  const only = process.argv[2];
  for (const name of Object.keys(cases)) {
    if (!only || only === name) await cases[name]();
  }
})();
