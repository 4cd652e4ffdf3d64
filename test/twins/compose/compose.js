// Twin of spec/compose_spec.lua (test-stream-compose.js retold as logs), with
// node v20: each case prints the log its spec asserts. Lua's array tables as
// sources are generator objects here, its collect() is toArray() (bytes
// joined). Run: node test/twins/compose/compose.js
'use strict';
const { Readable, Writable, Duplex, Transform, PassThrough, compose, finished } = require('stream');
const { errText, run } = require('../duplex/common');

const mapStage = (f) => async function*(source) { for await (const c of source) yield f(c); };
const upper = (c) => String(c).toUpperCase();
const gen = (...items) => (function*() { yield* items; })();

run({
  two_transforms(log) {
    const d = compose(
      new Transform({ transform(chunk, e, cb) { log('T1'); cb(null, chunk + chunk); } }),
      new Transform({ transform(chunk, e, cb) { log('T2'); cb(null, String(chunk).toUpperCase()); } }));
    log('modes', d.writableObjectMode, d.readableObjectMode, d.readable, d.writable);
    let res = '';
    d.end('asd');
    d.on('data', (buf) => { log('data', buf); res += buf; });
    d.on('end', () => log('end', res));
    d.on('finish', () => log('finish'));
    d.on('close', () => log('close'));
  },
  two_functions(log) {
    const d = compose(mapStage((c) => c + c), mapStage(upper));
    log('modes', d.writableObjectMode, d.readableObjectMode);
    let res = '';
    d.end('asd');
    d.on('data', (buf) => { res += buf; });
    d.on('end', () => log('end', res));
  },
  one_function(log) {
    const d = compose(mapStage((c) => c + c));
    let res = '';
    d.end('asd');
    d.on('data', (buf) => { res += buf; });
    d.on('end', () => log('end', res));
  },
  from_then_transform(log) {
    const d = compose(Readable.from(['asd']), new Transform({ transform(chunk, e, cb) {
      cb(null, String(chunk).toUpperCase());
    } }));
    log('modes', d.readable, d.writable);
    let res = '';
    d.on('data', (buf) => { res += buf; });
    d.on('end', () => log('end', res));
  },
  generator_then_transform(log) {
    const d = compose(gen('asd'), new Transform({ transform(chunk, e, cb) {
      cb(null, String(chunk).toUpperCase());
    } }));
    let res = '';
    d.on('data', (buf) => { res += buf; });
    d.on('end', () => log('end', res));
  },
  transform_function_writable(log) {
    let res = '';
    const d = compose(
      new Transform({ transform(chunk, e, cb) { cb(null, String(chunk).toUpperCase()); } }),
      mapStage((c) => c),
      new Writable({ write(chunk, e, cb) { res += chunk; cb(); } }));
    d.end('asd');
    d.on('finish', () => log('finish', res));
  },
  transform_function_sink(log) {
    let res = '';
    const d = compose(
      new Transform({ transform(chunk, e, cb) { cb(null, String(chunk).toUpperCase()); } }),
      mapStage((c) => c),
      async function(source) { for await (const chunk of source) res += chunk; });
    log('modes', d.readable, d.writable);
    d.end('asd');
    d.on('finish', () => log('finish', res));
  },
  object_mode(log) {
    let res;
    const d = compose(
      new Transform({ objectMode: true, transform(chunk, e, cb) { cb(null, { chunk }); } }),
      mapStage((c) => c),
      new Transform({ objectMode: true, transform(chunk, e, cb) { cb(null, { chunk }); } }));
    d.end(true);
    d.on('data', (buf) => { res = buf; });
    d.on('end', () => log('end', res.chunk.chunk));
  },
  first_transform_error(log) {
    const e = new Error('asd');
    const d = compose(
      new Transform({ objectMode: true, transform(chunk, enc, cb) { cb(e); } }),
      mapStage((c) => c),
      new Transform({ objectMode: true, transform(chunk, enc, cb) { log('T2'); cb(null, { chunk }); } }));
    d.end(true);
    d.on('data', () => log('data'));
    d.on('end', () => log('end'));
    d.on('error', (err) => log('error', err === e));
    d.on('close', () => log('close'));
  },
  generator_error(log) {
    const e = new Error('asd');
    const d = compose(
      new Transform({ objectMode: true, transform(chunk, enc, cb) { cb(null, chunk); } }),
      async function*(source) { for await (const _ of source) throw e; }, // eslint-disable-line no-unused-vars
      new Transform({ objectMode: true, transform(chunk, enc, cb) { log('T2'); cb(null, { chunk }); } }));
    d.end(true);
    d.on('data', () => log('data'));
    d.on('end', () => log('end'));
    d.on('error', (err) => log('error', err === e));
    d.on('close', () => log('close'));
  },
  source_function_sink(log) {
    let buf = '';
    const s1 = compose(gen('Hello', 'World'), mapStage(upper), async function(source) {
      for await (const chunk of source) buf += chunk;
    });
    log('modes', s1.writable, s1.readable);
    finished(s1.resume(), (err) => log('cb', errText(err), buf));
  },
  function_duplex(log) {
    let buf = '';
    const s2 = compose(mapStage(upper));
    s2.end('helloworld');
    s2.resume();
    s2.on('data', (chunk) => { buf += chunk; });
    finished(s2.resume(), (err) => log('cb', errText(err), buf));
  },
  compositions(log) {
    let buf = '';
    const s1 = compose(gen('Hello', 'World'));
    const s2 = compose(mapStage(upper));
    const s3 = compose(async function(source) { for await (const chunk of source) buf += chunk; });
    log('modes', s3.readable, s3.writable);
    const s4 = compose(s1, s2, s3);
    finished(s4, (err) => log('cb', errText(err), buf));
  },
  finished_unread(log) {
    let buf = '';
    const s1 = compose(gen('Hello', 'World'), mapStage(upper), async function(source) {
      for await (const chunk of source) buf += chunk;
    });
    finished(s1, (err) => log('cb', errText(err), buf));
  },
  sink_returns_value(log) {
    let buf = '';
    const s1 = compose(gen('Hello', 'World'), mapStage(upper), async function(source) {
      for await (const chunk of source) buf += chunk;
      return buf;
    });
    finished(s1, (err) => log('cb', errText(err)));
  },
  string_first(log) {
    let buf = '';
    const s1 = compose('HelloWorld', mapStage(upper), async function(source) {
      for await (const chunk of source) buf += chunk;
    });
    finished(s1, (err) => log('cb', errText(err), buf));
  },
  modes_first_last(log) {
    const s = compose(
      new PassThrough({ readableObjectMode: false, writableObjectMode: false }),
      new Transform({ readableObjectMode: true, writableObjectMode: false,
        transform(chunk, e, cb) { cb(null, { value: String(chunk) }); } }));
    log('modes', s.writableObjectMode, s.readableObjectMode);
    s.write('Steve Rogers');
    s.write('On your left');
    s.end();
    s.toArray().then((res) => log('cb', 'nil', res.length, res[0].value, res[1].value),
                     (err) => log('cb', errText(err)));
  },
  object_writes_byte_reads(log) {
    const s = compose(
      new PassThrough({ readableObjectMode: true, writableObjectMode: true }),
      new Transform({ readableObjectMode: false, writableObjectMode: true,
        transform(chunk, e, cb) { cb(null, chunk.value); } }));
    log('modes', s.writableObjectMode, s.readableObjectMode);
    s.write({ value: 'Steve Rogers' });
    s.write({ value: 'On your left' });
    s.end();
    s.toArray().then((res) => log('cb', 'nil', Buffer.concat(res).toString()),
                     (err) => log('cb', errText(err)));
  },
  destroy_err_last(log) {
    class DuplexProcess extends Duplex {
      constructor(options) { super({ ...options, objectMode: true }); this.stuff = []; }
      _write(message, encoding, callback) { this.stuff.push(message); callback(); }
      _destroy(err, cb) { cb(err); }
      _read() {
        if (this.stuff.length) this.push(this.stuff.shift());
        else if (this.writableEnded) this.push(null);
      }
    }
    const pass = new PassThrough({ objectMode: true });
    const duplex = new DuplexProcess();
    const composed = compose(pass, duplex);
    composed.on('error', (e) => log('error', e.message));
    composed.write('hello');
    composed.write('world');
    composed.end();
    composed.destroy(new Error('an unexpected error'));
    log('duplex destroyed', duplex.destroyed);
  },
  destroy_abort(log) {
    const a = new PassThrough(), b = new PassThrough();
    const d = compose(a, b);
    d.on('error', (e) => log('error', e.name, errText(e)));
    d.on('close', () => log('close', a.destroyed, b.destroyed));
    d.destroy();
  },
});
