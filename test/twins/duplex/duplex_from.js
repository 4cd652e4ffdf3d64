// Twin of spec/duplex/duplex_from_spec.lua and duplex_from_beyond_node_spec.lua:
// Duplex.from (duplexify.js) with node v20. The first cases retell
// test/parallel/test-stream-duplex-from.js, the rest cover what it leaves out. Run: node test/twins/duplex/duplex_from.js
'use strict';
const { Duplex, Readable, Writable, Transform, PassThrough, pipeline } = require('stream');
const { errText, watch, run } = require('./common');

const pushAsd = () => new Readable({ read() { this.push('asd'); this.push(null); } });
const collector = (log, opts) => new Writable({
  ...opts,
  write(c, e, cb) { log('write:' + c); cb(); },
});
const sides = (d) => 'readable=' + d.readable + ' writable=' + d.writable;
const ALL = ['end', 'finish', 'close', 'error'];

run({
  pair_readable(log) {
    const d = Duplex.from({ readable: pushAsd() });
    log(sides(d));
    d.once('readable', () => log('read:' + d.read()));
    d.once('end', () => log('end readable=' + d.readable));
    watch(d, log, ['finish', 'close', 'error']);
  },
  from_readable(log) {
    const d = Duplex.from(pushAsd());
    log(sides(d));
    d.once('readable', () => log('read:' + d.read()));
    d.once('end', () => log('end readable=' + d.readable));
    watch(d, log, ['finish', 'close', 'error']);
  },
  from_writable(log) {
    const d = Duplex.from(collector(log));
    log(sides(d));
    d.end('asd');
    d.on('finish', () => log('finish writable=' + d.writable));
    watch(d, log, ['end', 'close', 'error']);
  },
  pair_writable(log) {
    const d = Duplex.from({ writable: collector(log) });
    log(sides(d));
    d.end('asd');
    d.on('finish', () => log('finish writable=' + d.writable));
    watch(d, log, ['end', 'close', 'error']);
  },
  pair_both(log) {
    const d = Duplex.from({ readable: pushAsd(), writable: collector(log) });
    log(sides(d));
    d.once('readable', () => log('read:' + d.read()));
    d.once('end', () => log('end readable=' + d.readable));
    d.end('asd');
    d.once('finish', () => log('finish writable=' + d.writable));
    watch(d, log, ['close', 'error']);
  },
  pipeline_lines(log) {
    pipeline(
      ['abc\ndef\nghi'],
      Duplex.from(async function* (source) {
        let rest = '';
        for await (const chunk of source) {
          const lines = (rest + chunk.toString()).split('\n');
          rest = lines.pop();
          for (const line of lines) yield line;
        }
        yield rest;
      }),
      async function* (source) { // eslint-disable-line require-yield
        let ret = '';
        for await (const x of source) ret += x;
        log('ret=' + ret);
      },
      (err) => log('cb ' + errText(err)),
    );
  },
  same_duplex(log) {
    const d = new Duplex();
    log('same=' + (Duplex.from(d) === d));
  },
  fn_rejects(log) {
    const d = Duplex.from(async function() { await null; throw 'myCustomError'; });
    log(sides(d));
    watch(d, log, ['prefinish', ...ALL]);
  },
  fn_throws_at_once(log) {
    try { Duplex.from(() => { throw new Error('sync'); }); } catch (e) { log('throw:' + errText(e)); }
  },
  fn_void(log) {
    try { Duplex.from(() => {}); } catch (e) { log('throw:' + errText(e)); }
  },
  pair_readable_data(log) {
    const d = Duplex.from({ readable: new Readable({ read() { this.push('hello'); this.push(null); } }) });
    watch(d, log, ['data', ...ALL]);
    log(sides(d));
  },
  pair_writable_write(log) {
    const d = Duplex.from({ writable: new Writable({ write(c) { log('write:' + c); } }) });
    d.write('hello');
    log(sides(d));
    watch(d, log, ALL);
  },
  pair_pipe_self(log) {
    const d = Duplex.from({
      readable: new Readable({ read() { this.push('hello'); this.push(null); } }),
      writable: new Writable({ write(c) { log('write:' + c); } }),
    });
    d.pipe(d)
      .on('data', (c) => log('data:' + c, sides(d)))
      .on('end', () => log('end'));
    watch(d, log, ['finish', 'close', 'error']);
  },
  readable_throws(log) {
    const d = Duplex.from(new Readable({ read() { throw new Error('error!'); } }));
    watch(d, log, ['data', ...ALL]);
  },
  writable_cb_error(log) {
    const d = Duplex.from(new Writable({ write(c, e, cb) { cb('error!'); } }));
    watch(d, log, ALL);
    d.write('test', (e) => log('write cb ' + errText(e)));
  },
  string_body(log) {
    const d = Duplex.from('abc');
    log(sides(d), 'writableEnded=' + d.writableEnded, 'objectMode=' + d.readableObjectMode);
    watch(d, log, ['data', ...ALL]);
  },
  string_body_write(log) {
    const d = Duplex.from('abc');
    watch(d, log, ['data', ...ALL]);
    d.write('x', (e) => log('write cb ' + errText(e)));
  },
  array_body(log) {
    const d = Duplex.from(['a', 'b', 'c']);
    log(sides(d), 'hwm=' + d.readableHighWaterMark);
    watch(d, log, ['data', ...ALL]);
  },
  iterator_body(log) {
    const d = Duplex.from((function* () { yield 'a'; yield 'b'; })());
    log(sides(d));
    watch(d, log, ['data', ...ALL]);
  },
  transform_from(log) {
    const t = Transform.from(['a']);
    const p = PassThrough.from(['a']);
    const r = Readable.from(['a']);
    log('Transform.from Transform=' + (t instanceof Transform) + ' Duplex=' + (t instanceof Duplex) + ' ' + sides(t));
    log('PassThrough.from PassThrough=' + (p instanceof PassThrough) + ' Duplex=' + (p instanceof Duplex) + ' ' + sides(p));
    log('Readable.from Duplex=' + (r instanceof Duplex) + ' write=' + typeof r.write);
  },
  fn_generator(log) {
    const d = Duplex.from(async function* (source) {
      for await (const c of source) yield String(c).toUpperCase();
    });
    log(sides(d), 'objectMode=' + d.readableObjectMode + '/' + d.writableObjectMode,
        'hwm=' + d.readableHighWaterMark + '/' + d.writableHighWaterMark);
    watch(d, log, ['data', 'prefinish', ...ALL]);
    log('write a ' + d.write('a', (e) => log('cb a ' + errText(e))));
    log('write b ' + d.write('b', (e) => log('cb b ' + errText(e))));
    d.end();
  },
  fn_sink(log) {
    const d = Duplex.from(async function(source) {
      let s = '';
      for await (const c of source) s += c;
      log('sink got ' + s);
    });
    log(sides(d), 'objectMode=' + d.writableObjectMode, 'hwm=' + d.writableHighWaterMark);
    watch(d, log, ['prefinish', ...ALL]);
    d.write('a', (e) => log('cb a ' + errText(e)));
    d.write('b', (e) => log('cb b ' + errText(e)));
    d.end();
  },
  fn_sink_value(log) {
    const d = Duplex.from(async function(source) {
      for await (const c of source) log('got ' + c);
      return 5;
    });
    watch(d, log, ['prefinish', ...ALL]);
    d.end('a');
  },
  fn_returns_duplex(log) {
    const inner = new PassThrough();
    log('same=' + (Duplex.from(() => inner) === inner));
  },
  fn_returns_readable(log) {
    const d = Duplex.from(() => pushAsd());
    log(sides(d));
    watch(d, log, ['data', ...ALL]);
  },
  destroy_pair(log) {
    const r = new Readable({ read() {} });
    const w = new Writable({ write(c, e, cb) { cb(); } });
    watch(r, (e) => log('r ' + e), ['error', 'close']);
    watch(w, (e) => log('w ' + e), ['error', 'close']);
    const d = Duplex.from({ readable: r, writable: w });
    watch(d, log, ALL);
    d.destroy();
  },
  inner_error(log) {
    const r = new Readable({ read() {} });
    const w = new Writable({ write(c, e, cb) { cb(); } });
    watch(w, (e) => log('w ' + e), ['error', 'close']);
    const d = Duplex.from({ readable: r, writable: w });
    watch(d, log, ALL);
    r.destroy(new Error('boom'));
  },
  pair_backpressure(log) {
    const w = new Writable({
      highWaterMark: 1,
      write(c, e, cb) { log('write:' + c); setTimeout(cb, 1); },
    });
    const d = Duplex.from({ writable: w });
    watch(d, log, ['drain', 'prefinish', ...ALL]);
    for (const c of ['a', 'b', 'c']) log('write ' + c + ' ' + d.write(c, (e) => log('cb ' + c + ' ' + errText(e))));
    d.end();
  },
  pair_object_mode(log) {
    const r = new Readable({ objectMode: true, read() {} });
    const w = new Writable({ objectMode: true, write(c, e, cb) { log('write:' + c.n); cb(); } });
    const d = Duplex.from({ readable: r, writable: w });
    log('objectMode=' + d.readableObjectMode + '/' + d.writableObjectMode);
    d.on('data', (c) => log('data:' + c.n));
    watch(d, log, ALL);
    d.write({ n: 1 });
    r.push({ n: 2 });
    r.push(null);
    d.end();
  },
  fn_generator_expand(log) {
    const d = Duplex.from(async function* (source) {
      for await (const c of source) { yield c + '1'; yield c + '2'; }
      yield 'tail';
    });
    watch(d, log, ['data', 'prefinish', ...ALL]);
    for (const c of ['a', 'b', 'c']) d.write(c, (e) => log('cb ' + c + ' ' + errText(e)));
    d.end(() => log('end cb'));
  },
  fn_ignores_source(log) {
    const d = Duplex.from(() => ['x', 'y']);
    watch(d, log, ['data', 'prefinish', ...ALL]);
    log('write a ' + d.write('a', (e) => log('cb a ' + errText(e))));
    d.end();
  },
  fn_destroy_midway(log) {
    const d = Duplex.from(async function* (source) {
      try {
        for await (const c of source) yield c;
      } finally {
        log('generator closed');
      }
    });
    watch(d, log, ['prefinish', ...ALL]);
    d.on('data', (c) => { log('data:' + c); d.destroy(); });
    d.write('a', (e) => log('cb a ' + errText(e)));
    d.write('b', (e) => log('cb b ' + errText(e)));
  },
  fn_break(log) {
    const d = Duplex.from(async function* (source) {
      for await (const c of source) { yield c; break; }
      yield 'after';
    });
    watch(d, log, ['data', 'prefinish', ...ALL]);
    d.write('a', (e) => log('cb a ' + errText(e)));
    d.write('b', (e) => log('cb b ' + errText(e)));
    d.end();
  },
  fn_destroy_taking(log) {
    const d = Duplex.from(async function* (source) {
      try {
        for await (const c of source) { log('stage got ' + c); yield c + '!'; }
      } finally {
        log('generator closed');
      }
    });
    watch(d, log, ['data', ...ALL]);
    d.write('a', (e) => log('cb a ' + errText(e)));
    d.write('b', (e) => log('cb b ' + errText(e)));
    process.nextTick(() => d.destroy());
  },
  fn_end_then_destroy(log) {
    const d = Duplex.from(async function* (source) { for await (const c of source) yield c; });
    watch(d, log, ['data', ...ALL]);
    d.end(() => log('end cb'));
    process.nextTick(() => d.destroy());
  },
  fn_written_then_destroy(log) {
    const d = Duplex.from(async function* (source) {
      for await (const c of source) { log('stage got ' + c); yield c; }
    });
    watch(d, log, ['data', ...ALL]);
    process.nextTick(() => d.write('a', (e) => log('cb a ' + errText(e))));
    process.nextTick(() => d.write('b', (e) => log('cb b ' + errText(e))));
    process.nextTick(() => d.destroy());
  },
  fn_sink_destroyed(log) {
    const d = Duplex.from(async function(source) {
      for await (const c of source) log('sink got ' + c);
      log('sink done');
    });
    watch(d, log, ['prefinish', ...ALL]);
    log('write ' + d.write('bc', (e) => log('cb bc ' + errText(e))));
    d.destroy();
  },
  readable_from_generator_destroyed(log) {
    const r = Readable.from((async function* () {
      try { yield 'a'; yield 'b'; } finally { log('generator closed'); }
    })());
    r.on('data', (c) => { log('data:' + c); r.destroy(); });
    watch(r, log, ['end', 'close', 'error']);
  },
  bad_args(log) {
    for (const [name, v] of [['number', 1], ['boolean', true], ['nil', undefined],
                             ['readable 1', { readable: 1 }]]) {
      try { Duplex.from(v); log(name + ' ok'); } catch (e) { log(name + ' throw:' + e.code); }
    }
    try { Duplex.from(() => 5); } catch (e) { log('fn 5 throw:' + e.code); }
  },
});
