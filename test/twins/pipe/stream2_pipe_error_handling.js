// Twin of spec/pipe/stream2_pipe_error_handling_spec.lua (after Node's
// test/parallel/test-stream2-pipe-error-handling.js). Prints `case<TAB>JSON
// array`; each case starts from a timer, as a spec body starts.
'use strict';
const { Readable, Writable } = require('stream');
const { runTimed } = require('../duplex/common.js');

function setup() {
  let count = 1000;
  const source = new Readable();
  source._read = function(n) {
    n = Math.min(count, n);
    count -= n;
    source.push(Buffer.alloc(n));
  };
  const seen = {};
  const unpipe = source.unpipe;
  source.unpipe = function(d) {
    seen.unpipedDest = d;
    return unpipe.call(this, d);
  };
  const dest = new Writable();
  dest._write = (chunk, enc, cb) => cb();
  source.pipe(dest);
  return [source, dest, seen];
}

runTimed({
  dest_listener(log) {
    const [source, dest, seen] = setup();
    dest.on('error', (err) => log('got:' + err));
    dest.on('unpipe', (src) => { seen.unpipedSource = src; });
    let ok = true;
    try { dest.emit('error', 'bacon'); } catch { ok = false; }
    log(ok ? 'no throw' : 'throw');
    log(seen.unpipedSource === source);
    log(seen.unpipedDest === dest);
    log(dest.destroyed);
  },
});
