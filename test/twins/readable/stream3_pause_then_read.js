// Twin of spec/readable/stream3_pause_then_read_spec.lua (after Node's
// test/parallel/test-stream3-pause-then-read.js), logging what the spec logs.
// Prints `case<TAB>JSON array`; the case starts from a timer.
'use strict';
const { Readable, Writable } = require('stream');
const { runTimed } = require('../duplex/common.js');

runTimed({
  nothing_lost(log) {
    const totalChunks = 100, chunkSize = 99;
    const expectTotalData = totalChunks * chunkSize;
    let expectEndingData = expectTotalData;
    let chunks = totalChunks, totalPushed = 0;
    const r = new Readable({
      highWaterMark: 1000,
      read() {
        if (chunks % 2 === 0) setImmediate(push);
        else if (chunks % 3 === 0) process.nextTick(push);
        else push();
      },
    });
    function push() {
      const chunk = chunks-- > 0 ? Buffer.alloc(chunkSize, 'x') : null;
      if (chunk) totalPushed += chunk.length;
      r.push(chunk);
    }
    function readn(n, then) {
      expectEndingData -= n;
      (function read() {
        const c = r.read(n);
        if (!c) r.once('readable', read);
        else { log('read:' + c.length + ':' + r.readableFlowing); then(); }
      })();
    }
    function pipeRest() {
      let written = 0;
      const w = new Writable({ write(c, e, cb) { written += c.length; cb(); } });
      w.on('finish', () => {
        log('rest:' + written); log(expectEndingData); log(totalPushed); log(expectTotalData);
      });
      r.pipe(w);
    }
    function resumePause() {
      for (let i = 0; i < 5; i++) { r.resume(); r.pause(); }
      setImmediate(pipeRest);
    }
    const read1234 = () => readn(1234, resumePause);
    function pipeLittle() {
      expectEndingData -= 200;
      let written = 0;
      const w = new Writable({
        write(c, e, cb) {
          written += c.length;
          if (written >= 200) {
            r.unpipe(w);
            w.end();
            cb();
            if (written > 200) {
              const diff = written - 200;
              written -= diff;
              r.unshift(c.slice(c.length - diff));
              log('unshift:' + diff);
            }
          } else setImmediate(cb);
        },
      });
      w.on('finish', () => { log('little:' + written); setImmediate(read1234); });
      r.pipe(w);
    }
    function onData() {
      expectEndingData -= 100;
      let seen = 0;
      r.on('data', function od(c) {
        seen += c.length;
        if (seen >= 100) {
          r.removeListener('data', od);
          r.pause();
          if (seen > 100) {
            const diff = seen - 100;
            r.unshift(c.slice(c.length - diff));
            log('unshift:' + diff);
          }
          setImmediate(pipeLittle);
        }
      });
    }
    readn(100, onData);
  },
}, 300);
