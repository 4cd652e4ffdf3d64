// Twin of spec/operators/{filter,forEach,toArray,flatMap,drop_take,reduce,
// some_find_every}_spec.lua (after Node's test-stream-filter.js, -forEach,
// -toArray, -flatMap, -drop-take, -reduce and -some-find-every): one case per
// `it`, printed as `case<TAB>JSON array`. An entry is out()'s arguments joined
// by spaces, undefined as "nil" (the specs' helper.line_recorder); a rejection
// the spec takes through pcall is logged after "false", as pcall returns it.
// `node values.js [NAME]`.
'use strict';
const { Readable } = require('stream');
const { setTimeout: sleep } = require('timers/promises');
const { once } = require('events');
let entries;
const out = (c, ...a) => entries.push(a.map((v) => (v === undefined ? 'nil' : String(v))).join(' '));
const fmt = (e) => e.code === 20 ? 'ABORT_ERR' : (e.code || e.message);
const oneTo5 = () => Readable.from([1, 2, 3, 4, 5]);
const naturals = () => Readable.from(async function* () { let i = 1; while (true) yield i++; }());

const cases = {
  async filter() {
    out('filter', (await oneTo5().filter((x) => x % 2 === 1).toArray()).join(','));
    out('filter', (await oneTo5().filter(async (x) => { await sleep(1); return x > 2; }).toArray()).join(','));
  },
  async filterOrder() {
    const s = oneTo5().filter((x) => { out('filterOrder', 'fn', x); return x % 2 === 0; });
    for await (const v of s) out('filterOrder', 'got', v);
  },
  async filterAbort() {
    const ac = new AbortController();
    let calls = 0;
    const s = Readable.from([1, 2, 3, 4]).filter(async (_, { signal }) => {
      calls++;
      await sleep(100, undefined, { signal });
    }, { signal: ac.signal, concurrency: 2 });
    setTimeout(() => { out('filterAbort', 'calls', calls); ac.abort(); }, 5);
    try { for await (const x of s) out('filterAbort', x); } catch (e) { out('filterAbort', false, e.name); }
  },
  async filterOrder2() {
    const s = Readable.from([1, 2]).filter(async (item) => { await sleep(10 - item * 4); return true; },
                                           { concurrency: 2 });
    for (const v of await s.toArray()) out('filterOrder2', v);
  },
  async forEach() {
    await Readable.from([1, 2, 3]).forEach((v) => out('forEach', v));
    await Readable.from([1, 2, 3]).forEach(async (v) => { await sleep(1); out('forEach', 'async', v); });
    out('forEach', 'done');
  },
  async forEachAbort() {
    const ac = new AbortController();
    let calls = 0;
    const p = Readable.from([1, 2, 3, 4]).forEach(async (_, { signal }) => {
      calls++;
      await once(signal, 'abort');
    }, { signal: ac.signal, concurrency: 2 });
    setTimeout(() => { out('forEachAbort', 'calls', calls); ac.abort(); }, 5);
    try { await p; } catch (e) { out('forEachAbort', false, e.name, fmt(e)); }
  },
  async forEachErrors() {
    let s = oneTo5();
    try { await s.forEach((x) => { if (x === 3) throw new Error('boom'); }); } catch (e) { out('forEachErrors', false, e.message); }
    await sleep(1);
    out('forEachErrors', 'destroyed', s.destroyed);
    s = oneTo5();
    try {
      await s.forEach(async (x) => { if (x === 3) s.emit('error', new Error('boom')); });
    } catch (e) { out('forEachErrors', false, e.message); }
  },
  async toArray() {
    out('toArray', (await Readable.from([]).toArray()).length);
    out('toArray', (await Readable.from([1, 2, 3]).toArray()).join(','));
    const bytes = await Readable.from(['ab', 'cd'], { objectMode: false }).toArray();
    out('toArray', bytes.length, bytes.map(String).join(','));
  },
  async toArrayAbort() {
    const ac = new AbortController();
    const s = Readable.from([1, 2, 3]).map(async (x) => {
      if (x === 3) await new Promise(() => {});
      return x;
    });
    const p = s.toArray({ signal: ac.signal });
    ac.abort('why');
    try { await p; } catch (e) { out('toArrayAbort', e.name, fmt(e), e.cause); }
    out('toArrayAbort', 'destroyed', s.destroyed);
  },
  async flatMap() {
    out('flatMap', (await oneTo5().flatMap((x) => [x + x]).toArray()).join(','));
    out('flatMap', (await oneTo5().flatMap(() => []).toArray()).length);
    out('flatMap', (await oneTo5().flatMap(async (x) => [x, x]).toArray()).join(','));
    out('flatMap', (await oneTo5().flatMap((x) => Readable.from([x, x * 10])).toArray()).join(','));
  },
  async flatMapAbort() {
    const ac = new AbortController();
    let calls = 0;
    const s = oneTo5().flatMap(async (_, { signal }) => { calls++; await sleep(100, undefined, { signal }); },
                               { signal: ac.signal, concurrency: 2 });
    queueMicrotask(() => ac.abort());
    try { for await (const x of s) out('flatMapAbort', x); } catch (e) { out('flatMapAbort', false, e.name); }
    out('flatMapAbort', 'calls', calls);
  },
  async dropTake() {
    const r = async (s) => JSON.stringify(await s.toArray());
    out('dropTake', await r(Readable.from([1, 2, 3]).drop(2)));
    out('dropTake', await r(Readable.from([1, 2, 3]).take(1)));
    out('dropTake', await r(Readable.from([]).drop(2)));
    out('dropTake', await r(Readable.from([]).take(1)));
    out('dropTake', await r(Readable.from([1, 2, 3]).drop(1).take(1)));
    out('dropTake', await r(Readable.from([1, 2]).drop(0)));
    out('dropTake', await r(Readable.from([1, 2]).take(0)));
    out('dropTake', await r(naturals().take(1)));
    out('dropTake', await r(naturals().drop(10).take(10)));
    out('dropTake', await r(naturals().take(5).take(1)));
    out('dropTake', await r(Readable.from([1, 2, 3]).drop(1.5)));
  },
  async takeDestroys() {
    const src = naturals();
    const s = src.take(2);
    for await (const v of s) out('takeDestroys', v);
    out('takeDestroys', 'destroyed', src.destroyed);
  },
  async dropTakeAbort() {
    const ac = new AbortController();
    const a = Readable.from([1, 2, 3]).take(1, { signal: ac.signal }).toArray();
    const b = Readable.from([1, 2, 3]).drop(1, { signal: ac.signal }).toArray();
    const c = Readable.from([1, 2, 3]).take(1, { signal: AbortSignal.abort() }).toArray();
    ac.abort();
    for (const p of [a, b, c]) {
      try { await p; } catch (e) { out('dropTakeAbort', false, e.name); }
    }
  },
  async reduce() {
    const sum = (p, c) => p + c;
    out('reduce', await Readable.from([]).reduce(sum, 0));
    out('reduce', await Readable.from([1, 2, 3, 4, 5]).reduce(sum, 0));
    out('reduce', await Readable.from(['a', 'b', 'c']).reduce(sum, ''));
    out('reduce', await Readable.from([1, 2]).reduce(sum));
    out('reduce', await Readable.from([1, 2, 3]).reduce((x, y) => y));
    out('reduce', await Readable.from([1, 2, 3]).reduce(async (p, c) => { await sleep(1); return p + c; }));
    try { await Readable.from([]).reduce(sum); } catch (e) { out('reduce', false, e.code, e.message); }
  },
  async reduceLazy() {
    let calls = 0;
    try {
      await Readable.from([1, 2, 3, 4, 5, 6]).map((x) => { calls++; return x; })
        .reduce(async (p, c) => { if (p === 1) throw new Error('boom'); return c; }, 0);
    } catch (e) { out('reduceLazy', false, e.message); }
    out('reduceLazy', 'calls', calls);
  },
  async reduceAbort() {
    const ac = new AbortController();
    const p = Readable.from([1, 2, 3]).reduce(async (p, c) => {
      if (c === 3) await new Promise(() => {});
      return p;
    }, 0, { signal: ac.signal });
    ac.abort();
    try { await p; } catch (e) { out('reduceAbort', false, e.name); }
    const s = Readable.from([1, 2, 3]);
    try { await s.reduce((p) => p, 0, { signal: AbortSignal.abort('pre') }); } catch (e) {
      out('reduceAbort', false, e.name, e.cause, s.destroyed);
    }
  },
  async someFindEvery() {
    out('sfe', await oneTo5().some((x) => x > 3), await oneTo5().every((x) => x > 3), await oneTo5().find((x) => x > 3));
    out('sfe', await oneTo5().some((x) => x > 6), await oneTo5().every((x) => x < 6), await oneTo5().find((x) => x > 6));
    out('sfe', await Readable.from([]).some(() => true), await Readable.from([]).every(() => true),
        await Readable.from([]).find(() => true));
    out('sfe', await oneTo5().some(async (x) => { await sleep(1); return x > 3; }));
  },
  async shortCircuit() {
    for (const [op, f] of [['some', (x) => x > 2], ['every', (x) => x < 3], ['find', (x) => x > 1]]) {
      const s = oneTo5();
      let calls = 0;
      const v = await s[op]((x) => { calls++; return f(x); });
      await sleep(1);
      out('shortCircuit', op, v, calls, s.destroyed);
    }
  },
  async predicateSignal() {
    for (const op of ['some', 'every', 'find']) {
      let sig;
      await Readable.from([1])[op]((v, { signal }) => { sig = signal; return true; });
      out('predicateSignal', op, sig.aborted);
    }
  },
  async sfeThrow() {
    for (const op of ['some', 'every', 'find']) {
      const s = oneTo5();
      try { await s[op](() => { throw new Error(op + ' sync'); }); } catch (e) { out('sfeThrow', false, e.message, s.destroyed); }
    }
  },
  async findConcurrent() {
    const found = await Readable.from([1, 2]).find(async (val) => {
      if (val === 1) await sleep(20);
      return true;
    }, { concurrency: 2 });
    out('findConcurrent', found);
  },
};

(async () => {
  const only = process.argv[2];
  for (const name of Object.keys(cases)) {
    if (only && only !== name) continue;
    entries = [];
    await cases[name]();
    console.log(name + '\t' + JSON.stringify(entries));
  }
})();
