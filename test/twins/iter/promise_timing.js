// Twin of spec/iter/promise_timing_spec.lua: where for-await over a
// Readable, Readable.from and `if (!w.write(c)) await once(w, 'drain')` go on
// against ticks and microtask chains. Prints `case<TAB>JSON array`; each case
// starts from a timer, as a spec body starts.
'use strict';
const { Readable, Writable } = require('stream');
const { once } = require('events');
const { runTimed } = require('../duplex/common.js');

// k chained microtasks logging tag1..tagk, with "E" once s's readable side
// has ended and "D" once s is destroyed.
function chain(log, tag, k, s) {
  let i = 0;
  const step = () => {
    i++;
    let mark = '';
    if (s) mark = (s._readableState.ended ? 'E' : '') + (s.destroyed ? 'D' : '');
    log(tag + i + mark);
    if (i < k) queueMicrotask(step);
  };
  queueMicrotask(step);
}
const asyncLog = (log, body) =>
  body().then(() => log('done'), (e) => log('rejected:' + (e.code || e.message)));
const tick = (log, name) => process.nextTick(() => log(name));
const objects = () => new Readable({ objectMode: true, read() {} });

function trace(log, src) {
  const r = Readable.from(src);
  r.on('end', () => log('end'));
  r.on('close', () => log('close'));
  asyncLog(log, async () => {
    for await (const c of r) {
      log('chunk:' + c);
      tick(log, 'tick' + c);
      queueMicrotask(() => log('mt' + c));
    }
  });
}

function fromHops(log, mode) {
  let n = 0;
  const r = Readable.from(async function* () {
    for (;;) {
      n++;
      log('gen' + n);
      chain(log, 'g' + n + '.', 4, r);
      if (n === 3) {
        if (mode === 'throw') throw new Error('bad');
        return;
      }
      yield n;
    }
  }());
  r.on('data', (c) => log('data:' + c));
  r.on('end', () => log('end'));
  r.on('error', (e) => log('error:' + e.message));
  r.on('close', () => log('close'));
}

function drain(log, fail) {
  let cb0;
  const w = new Writable({ highWaterMark: 1, write(c, e, cb) { log('write:' + c); cb0 = cb; } });
  w.on(fail ? 'error' : 'drain', () => {
    log(fail ? 'error' : 'drain');
    chain(log, 'p', 6);
    tick(log, 'tick');
  });
  if (fail) w.on('close', () => log('close'));
  asyncLog(log, async () => {
    try {
      if (!w.write('a')) await once(w, 'drain');
      log('wrote');
    } catch (e) { log(false); log(e.message); }
  });
  setTimeout(() => cb0(fail ? new Error('bad') : undefined), 5);
}

runTimed({
  buffered(log) {
    const r = objects();
    r.push('a'); r.push('b'); r.push('c');
    setImmediate(() => {
      asyncLog(log, async () => {
        chain(log, 'p', 8);
        log('start');
        for await (const c of r) {
          log('chunk:' + c);
          if (c === 'a') chain(log, 'q', 8);
          if (c === 'c') break;
        }
      });
      log('sync');
    });
  },
  waiting(log) {
    const r = objects();
    setImmediate(() => {
      asyncLog(log, async () => { for await (const c of r) log('chunk:' + c); });
      setTimeout(() => {
        log('push');
        r.push('x');
        chain(log, 'p', 8);
        tick(log, 'tick');
        setImmediate(() => r.push(null));
      }, 5);
    });
  },
  end(log) {
    const r = objects();
    setImmediate(() => {
      asyncLog(log, async () => {
        for await (const c of r) log('chunk:' + c);
        log('after');
      });
      setTimeout(() => {
        r.on('end', () => { log('end'); chain(log, 'p', 8); tick(log, 'tick'); });
        r.push(null);
        r.on('close', () => log('close'));
      }, 5);
    });
  },
  break(log) {
    const r = objects();
    r.push('a'); r.push('b');
    setImmediate(() => asyncLog(log, async () => {
      for await (const c of r) {
        log('chunk:' + c);
        chain(log, 'p', 8, r);
        break;
      }
      log('after' + (r.destroyed ? 'D' : ''));
    }));
  },
  throw_in_body(log) {
    const r = objects();
    r.push('a');
    setImmediate(() => asyncLog(log, async () => {
      try {
        for await (const c of r) {
          log('chunk:' + c);
          chain(log, 'p', 8, r);
          throw new Error('x');
        }
      } catch (e) { log(false); log(e.message + (r.destroyed ? 'D' : '')); }
    }));
  },
  error_wait(log) {
    const r = objects();
    setImmediate(() => {
      asyncLog(log, async () => {
        try { for await (const c of r) log('chunk:' + c); } catch (e) { log(false); log(e.message); }
      });
      setTimeout(() => {
        r.on('error', () => { log('error'); chain(log, 'p', 8); });
        r.destroy(new Error('bad'));
      }, 5);
    });
  },
  error_in_body(log) {
    const r = objects();
    r.push('a');
    setImmediate(() => {
      asyncLog(log, async () => {
        try {
          for await (const c of r) {
            log('chunk:' + c);
            r.destroy(new Error('bad'));
            chain(log, 'p', 8);
          }
        } catch (e) { log(false); log(e.message); }
      });
      r.on('error', () => log('error'));
      r.on('close', () => log('close'));
    });
  },
  // Readable.from(an async generator), as cstream's Readable.from(function).
  from_async(log) {
    let calls = 0;
    trace(log, async function* () {
      for (;;) {
        calls++;
        log('gen' + calls);
        if (calls > 5) return;
        yield calls;
      }
    }());
  },
  from_array(log) { trace(log, [1, 2, 3, 4, 5]); },
  from_values(log) { fromHops(log, 'values'); },
  from_throw(log) { fromHops(log, 'throw'); },
  write_drain(log) { drain(log, false); },
  write_error(log) { drain(log, true); },
}, 60);
