// Twin of spec/writable/writableState_uncorked_bufferedRequestCount_spec.lua
// (test-stream-writableState-uncorked-bufferedRequestCount.js): one case per
// `it`; the state the Node test peeks at is logged as writableCorked and
// writableLength. Run: node test/twins/writable/writableState_uncorked_bufferedRequestCount.js
'use strict';
const { Writable } = require('stream');
const { runTimed, watch } = require('../duplex/common');

const joined = (chunks) => chunks.map((c) => c.chunk).join(',');
runTimed({
  nested_cork(log) {
    const w = new Writable();
    w._writev = (chunks, cb) => { log('writev:' + joined(chunks)); cb(); };
    w._write = (c, e, cb) => { log('write:' + c); cb(); };
    const st = (t) => log(`${t} corked=${w.writableCorked} len=${w.writableLength}`);
    w.cork(); st('cork1');
    w.cork(); st('cork2');
    w.write('first chunk'); st('write1');
    w.uncork(); st('uncork1');
    process.nextTick(() => {
      w.uncork(); st('uncork2');
      w.cork();
      w.write('third chunk'); st('write3');
      w.end(); st('end');
    });
    w.write('second chunk'); st('write2');
    watch(w, log, ['finish']);
  },
  end_releases_three_corks(log) {
    const w = new Writable({ write(c, e, cb) { log('write:' + c); cb(); } });
    w.cork(); w.cork(); w.cork();
    w.write('x');
    w.end('y');
    log('corked=' + w.writableCorked);
    watch(w, log, ['finish']);
  },
  next_tick_uncork(log) {
    const w = new Writable({
      writev(chunks, cb) { log('writev:' + joined(chunks)); cb(); },
      write(c, e, cb) { log('write:' + c); cb(); },
    });
    w.cork();
    w.write('a');
    w.write('b');
    process.nextTick(() => w.uncork());
    log('sync');
  },
  corked_backpressure(log) {
    const w = new Writable({ highWaterMark: 4, write(c, e, cb) { log('write:' + c); cb(); } });
    watch(w, log, ['drain']);
    w.cork();
    log('ret=' + w.write('ab'));
    log('ret=' + w.write('cd'));
    log('nd=' + w.writableNeedDrain);
    w.uncork();
    log('uncorked len=' + w.writableLength);
  },
  cork_after_end(log) {
    const w = new Writable({ write(c, e, cb) { log('write:' + c); cb(); } });
    w.end('a');
    w.cork();
    log('corked=' + w.writableCorked);
    watch(w, log, ['finish', 'close']);
  },
}, 50);
