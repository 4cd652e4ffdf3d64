// Twin of spec/writable/stream2_writable_spec.lua (test-stream2-writable.js):
// one case per `it`, printed as `case<TAB>JSON array`. TestWriter's latency
// is the spec's deterministic (n * 7) % 10 ms instead of Node's random one;
// each chunk is spelled as the spec spells it (hex, base64, or text). Each
// case starts from a timer, as a busted body starts outside any tick.
// Run: node test/twins/writable/stream2_writable.js
'use strict';
const { Writable } = require('stream');
const { runTimedArray } = require('../duplex/common');

const errText = (e) => (e == null ? 'nil' : e.code || e.message);
const chunks = [];
for (let i = 0; i < 50; i++) chunks.push('x'.repeat(i));

class TestWriter extends Writable {
  constructor(opts) {
    super(opts);
    this.buf = [];
    this.n = 0;
  }
  _write(chunk, enc, cb) {
    const d = (this.n * 7) % 10;
    this.n++;
    setTimeout(() => {
      this.buf.push(chunk.toString());
      cb();
    }, d);
  }
}

const encs = ['hex', 'utf8', 'utf-8', 'ascii', 'latin1', 'binary', 'base64', 'ucs2',
              'ucs-2', 'utf16le', 'utf-16le', undefined, 'hex'];
const spelled = (i) => {
  const c = chunks[i], enc = encs[i];
  if (enc === 'hex') return Buffer.from(c).toString('hex');
  if (enc === 'base64') return Buffer.from(c).toString('base64');
  return c;
};

const cases = {
  fast(log) {
    const tw = new TestWriter({ highWaterMark: 100 });
    tw.on('finish', () => log.push('finish'));
    for (const c of chunks) tw.write(c);
    tw.end();
  },
  slow(log) {
    const tw = new TestWriter({ highWaterMark: 100 });
    tw.on('finish', () => log.push('finish'));
    let i = 0;
    (function W() {
      tw.write(chunks[i++]);
      if (i < chunks.length) setTimeout(W, 10); else tw.end();
    })();
  },
  backpressure(log) {
    const tw = new TestWriter({ highWaterMark: 50 });
    let drains = 0;
    tw.on('finish', () => log.push('finish drains=' + drains));
    tw.on('drain', () => drains++);
    let i = 0;
    (function W() {
      let ret;
      do { ret = tw.write(chunks[i++]); } while (ret !== false && i < chunks.length);
      if (i < chunks.length) {
        if (tw.writableLength < 50) log.push('BAD len=' + tw.writableLength);
        tw.once('drain', W);
      } else {
        tw.end();
      }
    })();
  },
  buffersize(log) {
    const tw = new TestWriter({ highWaterMark: 100 });
    tw._write = (c, e, cb) => { log.push(e + ':' + c.toString('hex')); cb(); };
    tw.on('finish', () => log.push('finish'));
    for (let i = 0; i < encs.length; i++) tw.write(spelled(i), encs[i]);
    tw.end();
  },
  no_buffersize(log) {
    const tw = new TestWriter({ highWaterMark: 100, decodeStrings: false });
    tw._write = (c, e, cb) => { log.push(typeof c + ':' + e + ':' + c); cb(); };
    tw.on('finish', () => log.push('finish'));
    for (let i = 0; i < encs.length; i++) tw.write(spelled(i), encs[i]);
    tw.end();
  },
  end_cb(log) {
    const tw = new TestWriter();
    tw.end((e) => log.push('endcb:' + errText(e)));
  },
  end_chunk_cb(log) {
    const tw = new TestWriter();
    tw.end('hello world', (e) => log.push('endcb:' + errText(e) + ' buf=' + tw.buf.join(',')));
  },
  end_chunk_encoding_cb(log) {
    const tw = new TestWriter();
    tw.end('hello world', 'ascii', (e) => log.push('endcb:' + errText(e) + ' buf=' + tw.buf.join(',')));
  },
  end_cb_after_write(log) {
    const tw = new TestWriter();
    tw.write('hello world');
    tw.end((e) => log.push('endcb:' + errText(e)));
  },
  end_cb_after_write_cb(log) {
    const tw = new TestWriter();
    tw.write('hello world', () => log.push('writecb'));
    tw.end((e) => log.push('endcb:' + errText(e)));
  },
  cannot_pipe(log) {
    const w = new Writable();
    w._write = () => log.push('WRITE!');
    w.on('error', (e) => log.push('error:' + errText(e)));
    w.on('close', () => log.push('close'));
    w.pipe(new Writable());
    log.push('sync');
  },
  end_twice(log) {
    const w = new Writable();
    w._write = (m) => log.push('write:' + m);
    w.on('error', (er) => log.push('error:' + errText(er)));
    w.on('close', () => log.push('close'));
    w.end('this is the end');
    w.end('and so is this');
    process.nextTick(() => log.push('tick'));
  },
  no_finish_while_writing(log) {
    const w = new Writable();
    w._write = (c, e, cb) => {
      log.push('write');
      setTimeout(() => { log.push('done'); cb(); }, 1);
    };
    w.on('finish', () => log.push('finish'));
    w.write(Buffer.alloc(0));
    w.end();
  },
  finish_after_write_cb(log) {
    const w = new Writable();
    w._write = (c, e, cb) => setTimeout(() => { log.push('writecb'); cb(); }, 10);
    w.on('finish', () => log.push('finish'));
    w.write(Buffer.alloc(0));
    w.end();
  },
  finish_after_sync_write_cb(log) {
    const w = new Writable();
    w._write = (c, e, cb) => cb();
    w.on('finish', () => log.push('finish'));
    w.write(Buffer.alloc(0), () => log.push('writecb'));
    w.end();
    log.push('sync');
  },
  finish_last_chunk_empty(log) {
    const w = new Writable();
    w._write = (c, e, cb) => { log.push('write:' + c.length); process.nextTick(cb); };
    w.on('finish', () => log.push('finish'));
    w.write(Buffer.allocUnsafe(1));
    w.end(Buffer.alloc(0));
  },
  finish_after_final(log) {
    const w = new Writable();
    w._final = function(cb) {
      log.push('final self=' + (this === w));
      setTimeout(() => { log.push('shutdown'); cb(); }, 100);
    };
    w._write = (c, e, cb) => process.nextTick(cb);
    w.on('finish', () => log.push('finish'));
    w.write(Buffer.allocUnsafe(1));
    w.end(Buffer.alloc(0));
  },
  empty_string(log) {
    const w = new Writable({ write(c, e, cb) {
      log.push('write:' + JSON.stringify(c.toString()) + ' len=' + w.writableLength);
      cb();
    } });
    log.push('ret=' + w.write(''));
    log.push('len=' + w.writableLength);
    w.end();
    w.on('finish', () => log.push('finish'));
  },
  hwm_zero(log) {
    const w = new Writable({ highWaterMark: 0, write(c, e, cb) {
      log.push('write:' + c);
      process.nextTick(cb);
    } });
    w.on('drain', () => log.push('drain'));
    log.push('ret=' + w.write('a'));
    log.push('nd=' + w.writableNeedDrain);
  },
  object_mode(log) {
    const w = new Writable({ objectMode: true, highWaterMark: 2, write(c, e, cb) {
      log.push('write:' + (typeof c === 'object' ? '{x=' + c.x + '}' : c));
      process.nextTick(cb);
    } });
    w.on('drain', () => log.push('drain'));
    w.on('finish', () => log.push('finish'));
    log.push('ret=' + w.write({ x: 1 }));
    log.push('len=' + w.writableLength);
    log.push('ret=' + w.write('str'));
    log.push('len=' + w.writableLength);
    w.end();
  },
};

runTimedArray(cases, (name) => (['fast', 'slow', 'backpressure'].includes(name) ? 1000 : 200));
