// Twin of spec/iter/readable_async_iterators_spec.lua and
// readable_async_iterators_beyond_node_spec.lua: the cases that assert a
// whole sequence, with node v20. put(...) logs each argument as an entry;
// asyncLog runs an async function and logs 'done' or 'rejected:<code or
// message>' as the specs' asyncLog does.
// Run: node test/twins/iter/readable_async_iterators.js
'use strict';
const { Readable, Transform } = require('stream');
const { errText, run } = require('../duplex/common');

const mk = (log) => (...a) => { for (const x of a) log(x === undefined ? 'nil' : x); };
const asyncLog = (put, body) => body().then(
  () => put('done'),
  (e) => put('rejected:' + (e.code || e.message)));
const message = (e) => (e == null ? 'nil' : e.message);

run({
  reads_42_objects(log) {
    const put = mk(log);
    let readed = 0, received = 0;
    const r = new Readable({ objectMode: true, read() {
      this.push('hello');
      if (++readed === 42) this.push(null);
    } });
    return asyncLog(put, async () => {
      for await (const k of r) if (k === 'hello') received++;
      put(readed, received);
    });
  },
  destroy_in_read(log) {
    const put = mk(log);
    const r = new Readable({ objectMode: true, read() { this.destroy(new Error('kaboom from read')); } });
    return asyncLog(put, async () => {
      let ok = true, err;
      try { for await (const _ of r) put('chunk'); } catch (e) { ok = false; err = e; }
      put(ok, message(err));
    });
  },
  destroy_from_timer(log) {
    const put = mk(log);
    let pushed = false;
    const r = new Readable({ objectMode: true, read() {
      if (!pushed) {
        this.push('hello');
        pushed = true;
        setImmediate(() => r.destroy(new Error('kaboom')));
      }
    } });
    return asyncLog(put, async () => {
      let received = 0, ok = true, err;
      try { for await (const _ of r) received++; } catch (e) { ok = false; err = e; }
      put(ok, message(err), received);
    });
  },
  body_raises(log) {
    const put = mk(log);
    const r = new Readable({ objectMode: true, read() { this.push('hello'); } });
    r.on('close', () => put('close'));
    r.on('error', (e) => put('error:' + errText(e)));
    return asyncLog(put, async () => {
      const kaboom = new Error('kaboom');
      let ok = true, err;
      try {
        for await (const k of r) { put(k); throw kaboom; }
      } catch (e) { ok = false; err = e; }
      put(ok, err === kaboom, r.destroyed);
    });
  },
  destroy_after_push(log) {
    const put = mk(log);
    const r = new Readable({ objectMode: true, read() {
      this.push('hello');
      this.destroy(new Error('kaboom'));
    } });
    return asyncLog(put, async () => {
      let received = 0, ok = true, err;
      try { for await (const k of r) { put(k); received++; } } catch (e) { ok = false; err = e; }
      put(ok, message(err), received);
    });
  },
  destroyed_and_closed(log) {
    const put = mk(log);
    const r = new Readable({ read() {} });
    r.destroy();
    r.on('close', () => put('close1'));
    process.nextTick(() => asyncLog(put, async () => {
      r.on('close', () => put('close2'));
      let received = 0;
      for await (const _ of r) received++;
      put(received);
    }));
  },
  pushes_from_timers(log) {
    const put = mk(log);
    let readed = 0, received = 0;
    const r = new Readable({ objectMode: true, read() {
      setImmediate(() => {
        r.push('hello');
        if (++readed === 42) r.push(null);
      });
    } });
    return asyncLog(put, async () => {
      for await (const _ of r) received++;
      put(readed, received);
    });
  },
  encoding_pause_data(log) {
    const put = mk(log);
    let readed = 0;
    const r = new Readable({ read() {
      setImmediate(() => {
        r.push('hello');
        if (++readed === 42) r.push(null);
      });
    } });
    const expected = [];
    r.setEncoding('utf8');
    r.pause();
    r.on('data', (c) => expected.push(c));
    return asyncLog(put, async () => {
      const data = [];
      for await (const k of r) data.push(k);
      const a = data.join(''), b = expected.join('');
      put(a.length, b.length, a === b);
    });
  },
  destroyed_at_once(log) {
    const put = mk(log);
    const r = new Readable({ read() {} });
    r.destroy();
    return asyncLog(put, async () => {
      for await (const _ of r) put('chunk');
    });
  },
  ended_again(log) {
    const put = mk(log);
    const r = new Readable({ objectMode: true, read() {
      this.push('asdf');
      this.push('hehe');
      this.push(null);
    } });
    return asyncLog(put, async () => {
      for await (const a of r) put('1:' + a);
      for await (const b of r) put('2:' + b);
    });
  },
  destroy_null_in_loop(log) {
    const put = mk(log);
    const r = new Readable({ objectMode: true, read() {
      this.push('asdf');
      this.push('hehe');
    } });
    r.on('close', () => put('close'));
    return asyncLog(put, async () => {
      for await (const a of r) { put(a); r.destroy(null); }
    });
  },
  async_destroy_error(log) {
    const put = mk(log);
    const r = new Readable({
      read() {},
      destroy(err, cb) { setTimeout(() => cb(new Error('asd')), 1); },
    });
    r.destroy();
    return asyncLog(put, async () => {
      let ok = true, err;
      try { for await (const _ of r) put('chunk'); } catch (e) { ok = false; err = e; }
      put(ok, message(err));
    });
  },
  no_auto_destroy_end(log) {
    const put = mk(log);
    const r = new Readable({ autoDestroy: false, read() { this.push('asd'); this.push(null); } });
    return asyncLog(put, async () => {
      for await (const c of r) put(c);
      put(r.destroyed);
    });
  },
  no_auto_destroy_break(log) {
    const put = mk(log);
    const r = new Readable({ autoDestroy: false, read() { this.push('asd'); } });
    return asyncLog(put, async () => {
      for await (const c of r) { put(c); break; }
      put(r.destroyed);
    });
  },
  // Started from a timer, as the spec's body starts outside any tick: begun
  // inside run()'s promise chain, 'end' (a nextTick) would come after the
  // body's first chunk instead.
  not_destroyed_before_end(log) {
    const put = mk(log);
    return new Promise((done) => setTimeout(() => {
      const r = new Readable({ read() { this.push('asd'); this.push(null); } });
      r.on('end', () => put('end', r.destroyed));
      done(asyncLog(put, async () => {
        for await (const c of r) put(String(c));
        put(r.destroyed);
      }));
    }, 0));
  },
  // The cases below are readable_async_iterators_beyond_node_spec.lua's.
  break_aborts(log) {
    const put = mk(log);
    const r = new Readable({ objectMode: true, read() {} });
    r.push(1);
    r.push(2);
    r.push(3);
    r.on('close', () => put('close'));
    r.on('error', (e) => put('error:' + errText(e)));
    return asyncLog(put, async () => {
      for await (const c of r) { put(c); if (c === 2) break; }
      put(r.destroyed, r.readableLength);
    });
  },
  error_while_waiting(log) {
    const put = mk(log);
    const r = new Readable({ objectMode: true, read() {} });
    r.push('a');
    setTimeout(() => r.destroy(new Error('late')), 5);
    return asyncLog(put, async () => {
      let ok = true, err;
      try { for await (const c of r) put(c); } catch (e) { ok = false; err = e; }
      put(ok, message(err));
    });
  },
  bytes_joined(log) {
    const put = mk(log);
    const r = new Readable({ read() {} });
    r.push('a');
    r.push('b');
    setTimeout(() => { r.push('c'); r.push(null); }, 5);
    return asyncLog(put, async () => {
      for await (const c of r) put(String(c));
    });
  },
  v1_stream_errors(log) {
    const put = mk(log);
    const Stream = require('stream');
    const s = new Stream();
    s.close = () => {};
    const e = new Error('asd');
    process.nextTick(() => { s.emit('data', 0); s.emit('data', 1); s.emit('error', e); });
    return (async () => {
      const it = Readable.prototype[Symbol.asyncIterator].call(s);
      try { await it.next(); put(true); } catch (err) { put(false, err === e); }
    })();
  },
  next_then_loop(log) {
    const put = mk(log);
    const r = new Readable({ objectMode: true, read() {} });
    r.push(0);
    r.push(1);
    r.push(null);
    return (async () => {
      const it = r[Symbol.asyncIterator]();
      put((await it.next()).value);
      for await (const d of it) put(d);
    })();
  },
  next_after_error(log) {
    const put = mk(log);
    const r = new Readable({ read() {} });
    const e = new Error('kaboom');
    const it = r[Symbol.asyncIterator]();
    r.destroy(e);
    return (async () => {
      try { await it.next(); put(true); } catch (err) { put(false, err === e); }
    })();
  },
  transform_push_null(log) {
    const put = mk(log);
    const t = new Transform({ objectMode: true, transform(chunk, enc, cb) { cb(null, chunk); } });
    t.push(0);
    t.push(1);
    process.nextTick(() => t.push(null));
    return (async () => {
      const it = t[Symbol.asyncIterator]();
      put((await it.next()).value);
      for await (const d of it) put(d);
    })();
  },
});
