// Twin of spec/operators/map_spec.lua (after Node's
// test/parallel/test-stream-map.js). Each case prints `case<TAB>JSON array`
// of the lines its spec logs.
'use strict';
const { Readable } = require('stream');
const { setTimeout: sleep } = require('timers/promises');
const { once } = require('events');
const fmt = (e) => e.code === 20 ? 'ABORT_ERR' : (e.code || e.message);

const cases = {
  async sync_waiting_chained(out) {
    out((await Readable.from([1, 2, 3, 4, 5]).map((x) => x + x).toArray()).join(','));
    const s = Readable.from([1, 2, 3, 4, 5]).map(async (x) => { await sleep(1); return x + x; });
    out((await s.toArray()).join(','));
    const c = Readable.from([1, 2, 3, 4, 5]).map(async (x) => x + x).map((x) => x + x);
    out((await c.toArray()).join(','));
  },
  // The order of fn calls and values received: map's read-ahead.
  async readahead(out) {
    const s = Readable.from([1, 2, 3, 4, 5]).map((x) => { out('fn', x); return x * 10; });
    for await (const v of s) out('got', v);
    out('done');
  },
  async readahead2(out) {
    const s = Readable.from([1, 2, 3, 4, 5]).map(async (x) => {
      out('fn', x);
      await sleep(1);
      return x * 10;
    }, { concurrency: 2 });
    for await (const v of s) out('got', v);
    out('done');
  },
  async infinite(out) {
    let calls = 0;
    const src = Readable.from(async function* () { while (true) yield 1; }());
    const s = src.map(async (x) => { calls++; return x + x; });
    let i = 1;
    for await (const item of s) {
      out(item);
      if (++i === 5) break;
    }
    await sleep(1);
    out('calls', calls, 'destroyed', s.destroyed, src.destroyed);
  },
  async bytes(out) {
    const src = new Readable({
      read() { this.push('a'); this.push('b'); this.push(null); },
    });
    const s = src.map(async (x) => x.toString() + '!');
    for await (const v of s) out(v);
  },
  // A 'data' emitted on the mapped stream by hand changes nothing.
  async dataEvents(out) {
    const src = new Readable({ read() { this.push('a'); this.push('b'); this.push(null); } });
    const s = src.map(async (x) => x.toString() + '!').map((x) => x + '?');
    setImmediate(() => s.emit('data', 'bogus'));
    for await (const v of s) out(v);
  },
  async throwing(out) {
    const src = Readable.from([1, 2, 3, 4, 5]);
    const seen = [];
    const s = src.map((x) => { seen.push(x); if (x === 3) throw new Error('boom'); return x + x; });
    try { await s.map((x) => x + x).toArray(); } catch (e) { out(false, e.message); }
    await sleep(1);
    out('seen', seen.join(','), 'destroyed', s.destroyed, src.destroyed);
  },
  async emitted(out) {
    const s = Readable.from([1, 2, 3, 4, 5]).map(async (x) => {
      if (x === 3) s.emit('error', new Error('boom'));
      return x + x;
    });
    try { await s.map((x) => x + x).toArray(); } catch (e) { out(false, e.message); }
  },
  async abort(out) {
    const ac = new AbortController();
    let calls = 0;
    const s = Readable.from([1, 2, 3, 4, 5]).map(async (_, { signal }) => {
      calls++;
      await once(signal, 'abort');
      throw signal.reason;
    }, { signal: ac.signal, concurrency: 2 });
    setTimeout(() => ac.abort(), 5);
    try {
      for await (const item of s) out('got', item);
    } catch (e) { out(false, e.name, fmt(e)); }
    out('calls', calls);
  },
  async order(out) {
    const s = Readable.from([1, 2]).map(async (item) => { await sleep(10 - item * 4); return item; },
                                        { concurrency: 2 });
    for (const v of await s.toArray()) out(v);
  },
};

(async () => {
  const only = process.argv[2];
  for (const name of Object.keys(cases)) {
    if (only && only !== name) continue;
    const entries = [];
    await cases[name]((...a) => entries.push(a.map(String).join(' ')));
    console.log(name + '\t' + JSON.stringify(entries));
  }
})();
