// Twin of spec/pipeline/pipeline_functions_spec.lua (test-stream-pipeline.js
// with function and generator stages), with node v20: each case prints the
// log its spec asserts. The specs' stand-ins: slowItems(items) is
// `async function*() { await tick(); yield* items }`, mapStage(f) an async
// generator mapping each chunk, concatSink(out) an async function collecting
// the chunks. Run: node test/twins/pipeline/pipeline_functions.js
'use strict';
const { Stream, Readable, Writable, Transform, PassThrough, pipeline } = require('stream');
const { errText, later, run } = require('../duplex/common');

const writer = (out) => new Writable({ write(chunk, enc, cb) { out.push(chunk); cb(); } });
const slowItems = (items) => async function*() { await later(1); yield* items; };
const mapStage = (f) => async function*(source) { for await (const c of source) yield f(c); };
const concatSink = (out) => async function(source) { for await (const c of source) out.push(c); };
const upper = (c) => String(c).toUpperCase();

run({
  iterator_source(log) {
    const res = [];
    pipeline(async function*() { yield 'hello'; yield 'world'; }, writer(res),
             (err) => log('cb', errText(err), res.join('')));
  },
  slow_source(log) {
    const res = [];
    pipeline(slowItems(['hello', 'world']), writer(res), (err) => log('cb', errText(err), res.join('')));
  },
  source_transform_sink(log) {
    const res = [];
    pipeline(slowItems(['hello', 'world']), mapStage(upper), concatSink(res),
             (err) => log('cb', errText(err), res.join('')));
  },
  final_value(log) {
    pipeline(slowItems(['hello', 'world']), mapStage(upper), async function(source) {
      let ret = '';
      for await (const chunk of source) ret += chunk;
      return ret;
    }, (err, val) => log('cb', errText(err), val));
  },
  final_generator(log) {
    const ret = pipeline(slowItems(['hello']), async function*(source) {
      for await (const _ of source); // eslint-disable-line no-unused-vars
    }, (err) => log('cb', errText(err)));
    ret.resume();
    log('pipe', typeof ret.pipe);
  },
  failing_source_final_generator(log) {
    const kaboom = new Error('kaboom');
    const ret = pipeline(async function*() { await later(1); throw kaboom; }, async function*(source) {
      for await (const _ of source); // eslint-disable-line no-unused-vars
    }, (err) => log('cb', err === kaboom));
    ret.resume();
  },
  source_raises(log) {
    const kaboom = new Error('kaboom');
    const s = new PassThrough();
    pipeline(async function*() { throw kaboom; }, s, (err) => log('cb', err === kaboom, s.destroyed));
  },
  sink_raises(log) {
    const kaboom = new Error('kaboom');
    const s = new PassThrough();
    pipeline(slowItems(['hello', 'world']), s, async function(source) {
      for await (const _ of source) throw kaboom; // eslint-disable-line no-unused-vars
    }, (err) => log('cb', err === kaboom, s.destroyed));
  },
  array_source_generator_raises(log) {
    const kaboom = new Error('kaboom');
    const s = new PassThrough();
    const ret = pipeline(function() { return ['hello', 'world']; }, s, async function*(source) {
      for await (const _ of source) throw kaboom; // eslint-disable-line no-unused-vars
    }, (err) => log('cb', err === kaboom, s.destroyed));
    ret.resume();
    log('pipe', typeof ret.pipe);
  },
  v1_source(log) {
    const s = new Stream();
    let closes = 0;
    s.close = () => { closes++; };
    process.nextTick(() => {
      s.emit('data', 'asd');
      s.emit('end');
    });
    const res = [];
    pipeline(s, concatSink(res), (err) => log('cb', errText(err), res.join(''), closes >= 1));
  },
  v1_source_errors(log) {
    const kaboom = new Error('kaboom');
    const s = new Stream();
    process.nextTick(() => s.emit('error', kaboom));
    s.destroy = () => log('destroy');
    pipeline(s, async function() {}, (err) => log('cb', err === kaboom));
  },
  transform_fails_between(log) {
    const kaboom = new Error('kaboom');
    const res = [];
    pipeline(slowItems(['hello', 'world']), new Transform({ transform(c, e, cb) { cb(kaboom); } }),
             concatSink(res), (err) => log('cb', err === kaboom, res.length));
  },
  transform_fails_next_tick(log) {
    const kaboom = new Error('kaboom');
    const res = [];
    pipeline(slowItems(['hello', 'world']),
             new Transform({ transform(c, e, cb) { process.nextTick(cb, kaboom); } }),
             concatSink(res), (err) => log('cb', err === kaboom, res.length));
  },
  transform_between(log) {
    const res = [];
    pipeline(slowItems(['hello', 'world']),
             new Transform({ decodeStrings: false, transform(chunk, e, cb) { cb(null, chunk.toUpperCase()); } }),
             concatSink(res), (err) => log('cb', errText(err), res.join('')));
  },
  sink_raises_at_once(log) {
    const kaboom = new Error('kaboom');
    pipeline(function() { return ['hello']; }, async function() { throw kaboom; },
             (err) => log('cb', err === kaboom));
  },
  generator_raises_stops_rest(log) {
    const kaboom = new Error('kaboom');
    const res = [];
    const rs = new Readable({ read() { setImmediate(() => rs.push('hello')); } });
    const ws = new Writable({ write() { log('write'); } });
    pipeline(rs, async function*(src) {
      for await (const _ of src) throw kaboom; // eslint-disable-line no-unused-vars
    }, async function*(source) {
      for await (const chunk of source) res.push(chunk);
    }, ws, (err) => log('cb', err === kaboom, res.length));
  },
  generator_yields_objects(log) {
    pipeline(function() { return ['asd']; }, mapStage((c) => ({ chunk: c })),
             (err) => log('cb', errText(err)));
  },
  sink_breaks_early(log) {
    const s = new PassThrough({ objectMode: true });
    pipeline(slowItems(['hello', 'world', 'world']), s, async function(source) {
      let ret = '', n = 0;
      for await (const chunk of source) {
        n++;
        if (n > 2) break;
        ret += chunk;
      }
      return ret;
    }, (err, val) => log('cb', errText(err), val, s.destroyed));
  },
  unread_source_destroyed(log) {
    const src = new Readable({ read() {} });
    src.push('a');
    src.on('error', (e) => log('src error', errText(e)));
    src.on('close', () => log('src close'));
    // Lua's stage returns the array { 'x' }; a middle stage must return an
    // async iterable in node.
    pipeline(src, async function*() { yield 'x'; }, new Writable({ write(ch, e, cb) { log('write', ch); cb(); } }),
             (err) => log('cb', errText(err)));
  },
});
