// Twin of spec/readable/stream2_basic_spec.lua (test-stream2-basic.js): one
// case per `it`, printed as `case<TAB>JSON array`, each log entry one argument
// of the spec's helper.put; read()'s null logged as "null".
// Run: node test/twins/readable/stream2_basic.js
'use strict';
const { Readable, Writable } = require('stream');
const { runTimedArray } = require('../duplex/common');

// Node's TestReader from test-stream2-basic.
class TestReader extends Readable {
  constructor(n) {
    super();
    this._buffer = Buffer.alloc(n || 100, 'x');
    this._pos = 0;
    this._bufs = 10;
  }
  _read(n) {
    const max = this._buffer.length - this._pos;
    n = Math.max(n, 0);
    const toRead = Math.min(n, max);
    if (toRead === 0) {
      setTimeout(() => {
        this._pos = 0;
        this._bufs -= 1;
        if (this._bufs <= 0) {
          if (!this.ended) this.push(null);
        } else {
          this._read(n);
        }
      }, 10);
      return;
    }
    const ret = this._buffer.slice(this._pos, this._pos + toRead);
    this._pos += toRead;
    this.push(ret);
  }
}

const put = (log, ...a) => log.push(...a);
const nullstr = (c) => (c === null ? 'null' : String(c));
const collector = (log, name, opts = {}) => {
  const got = [];
  opts.write = (c, e, cb) => { got.push(String(c)); cb(); };
  const w = new Writable(opts);
  w.on('finish', () => put(log, name + ':finish', got.length, got.join('|')));
  return w;
};

const cases = {
  growing_read(log) {
    const reads = [];
    const r = new TestReader(20);
    r.on('end', () => { for (const v of reads) put(log, v); put(log, 'end'); });
    let readSize = 1;
    function flow() {
      let res;
      while (null !== (res = r.read(readSize++))) reads.push(res.toString());
      r.once('readable', flow);
    }
    flow();
  },
  pipe(log) {
    new TestReader(5).pipe(collector(log, 'w'));
  },
  both_destinations(log) {
    const r = new TestReader(5);
    r.pipe(collector(log, 'a'));
    r.pipe(collector(log, 'b'));
  },
  unpipe_all(log) {
    const r = new TestReader(5);
    let writes = 3;
    const got0 = [], got1 = [], got2 = [];
    const w1 = new Writable({ write(c, e, cb) { got1.push(c); cb(); } });
    const w2 = new Writable({ write(c, e, cb) { got2.push(c); cb(); } });
    const w0 = new Writable({ write(c, e, cb) {
      got0.push(c);
      cb();
      if (--writes === 0) {
        r.unpipe();
        w0.end();
        r.pipe(w1);
      }
    } });
    w0.on('finish', () => put(log, 'w0', got0.length));
    w1.on('finish', () => put(log, 'w1', got1.length));
    w2.on('finish', () => put(log, 'w2', got2.length));
    r.pipe(w0);
    r.pipe(w2);
    setTimeout(() => put(log, 'w2 got', got2.length), 400);
  },
  back_pressure_two_destinations(log) {
    const r = new Readable({ objectMode: true, read() { put(log, '_read'); } });
    r.push(['one']);
    r.push(['two']);
    r.push(['three']);
    r.push(['four']);
    r.push(null);
    const mk = (name, ms) => {
      const w = new Writable({ objectMode: true, highWaterMark: 1, write(c, e, cb) {
        put(log, name + ':' + c[0]);
        if (c[0] === 'four') return cb();
        setTimeout(cb, ms);
      } });
      w.on('finish', () => put(log, name + ':finish'));
      return w;
    };
    const w2 = mk('w2', 10), w3 = mk('w3', 50);
    const w1 = new Writable({ objectMode: true, write(c) {
      put(log, 'w1:' + c[0]);
      w1.destroy();
      process.nextTick(() => { r.pipe(w2); r.pipe(w3); });
    } });
    w1.on('close', () => put(log, 'w1:close'));
    r.pipe(w1);
  },
  read0_of_ended(log) {
    const r = new Readable({ read() { put(log, '_read'); } });
    r.push('foo');
    r.push(null);
    put(log, nullstr(r.read(0)));
    r.pipe(collector(log, 'w'));
  },
  sync_read_ends(log) {
    const r = new Readable({ read() { r.push(null); } });
    r.once('end', () => put(log, 'end'));
    put(log, nullstr(r.read()));
    process.nextTick(() => put(log, 'tick'));
  },
  readable_listener_flows(log) {
    let readCalled = 0;
    const r = new Readable({ highWaterMark: 5, read() {
      if (readCalled++ === 2) r.push(null); else r.push('asdf');
    } });
    r.on('readable', () => { put(log, 'readable'); put(log, nullstr(r.read())); });
    r.on('end', () => put(log, 'end', readCalled));
  },
  encoding_and_object_mode(log) {
    const r = new Readable({ encoding: 'utf8' });
    const o = new Readable({ objectMode: true });
    const p = new Readable();
    put(log, r.readableEncoding, r.readableObjectMode, o.readableObjectMode, p.readableObjectMode);
  },
};
for (let split = 1; split <= 9; split++) {
  cases['unpipe_after_' + split] = (log) => {
    const r = new TestReader(5);
    let writes = split;
    const got0 = [], got1 = [];
    const w1 = new Writable({ write(c, e, cb) { got1.push(c); cb(); } });
    const w0 = new Writable({ write(c, e, cb) {
      got0.push(c);
      cb();
      if (--writes === 0) {
        r.unpipe();
        w0.end();
        r.pipe(w1);
      }
    } });
    w0.on('finish', () => put(log, 'w0', got0.length));
    w1.on('finish', () => put(log, 'w1', got1.length));
    r.pipe(w0);
  };
}

runTimedArray(cases, 500);
