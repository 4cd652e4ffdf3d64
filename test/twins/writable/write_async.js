// Twin of spec/writable/write_async_spec.lua: w:writeAsync(c, enc) is
// `if (!w.write(c, enc)) await once(w, 'drain')` written out in the async
// function (a coroutine suspends only when write() returns false; awaiting a
// helper would always yield), which rejects with the stream's error. One
// case per `it`.
// Run: node test/twins/writable/write_async.js
'use strict';
const { Writable } = require('stream');
const { once } = require('events');
const { runTimed, watch, errText } = require('../duplex/common');

const raisesWhileSuspended = (build) => (log) => {
  const w = build(log);
  watch(w, log, ['error', 'close']);
  (async () => {
    try { if (!w.write('ab')) await once(w, 'drain'); log('no'); } catch (err) { log('caught:' + errText(err)); }
  })();
};
runTimed({
  suspends_until_drain(log) {
    const w = new Writable({ highWaterMark: 3, write(c, e, cb) { log('write:' + c); setTimeout(cb, 5); } });
    watch(w, log, ['drain', 'finish']);
    (async () => {
      try {
        for (const c of ['ab', 'cd', 'e', 'fgh']) {
          if (!w.write(c)) await once(w, 'drain');
          log('wrote:' + c);
        }
        w.end();
        log('ended');
      } catch (err) { log('raised:' + errText(err)); }
    })();
    log('sync');
  },
  no_suspend(log) {
    const w = new Writable({ highWaterMark: 1, write(c, e, cb) { log('write:' + c); cb(); } });
    watch(w, log, ['drain', 'finish']);
    (async () => {
      for (const c of ['a', 'b', 'c']) {
        if (!w.write(c)) await once(w, 'drain');
        log('wrote:' + c);
      }
      w.end();
    })();
    log('sync');
  },
  passes_encoding(log) {
    const w = new Writable({ highWaterMark: 1, write(c, e, cb) { log('write:' + c.toString('hex') + '/' + e); setTimeout(cb, 1); } });
    watch(w, log, ['drain']);
    (async () => {
      if (!w.write('6869', 'hex')) await once(w, 'drain');
      log('wrote');
      w.end();
    })();
  },
  failed_write(log) {
    raisesWhileSuspended((log) => new Writable({ highWaterMark: 1, write(c, e, cb) {
      log('write:' + c);
      setTimeout(cb, 5, new Error('bad'));
    } }))(log);
  },
  destroyed(log) {
    raisesWhileSuspended((log) => {
      const w = new Writable({ highWaterMark: 1, write(c) { log('write:' + c); } });
      setTimeout(() => w.destroy(new Error('bad')), 5);
      return w;
    })(log);
  },
}, 50);
