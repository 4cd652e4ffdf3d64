// Twin of spec/pipe/pipe_after_end_spec.lua (test-stream-pipe-after-end.js).
// Run: node test/twins/pipe/pipe_after_end.js
'use strict';
const { Readable, Writable } = require('stream');
const { runTimed } = require('../duplex/common');

runTimed({
  ended_source(log) {
    class TestReadable extends Readable {
      constructor(opt) { super(opt); this._ended = false; }
      _read() {
        if (this._ended) this.emit('error', new Error('_read called twice'));
        this._ended = true;
        this.push(null);
      }
    }
    class TestWritable extends Writable {
      constructor(opt) { super(opt); this._written = []; }
      _write(chunk, encoding, cb) { this._written.push(chunk); cb(); }
    }
    const ender = new TestReadable();
    const piper = new TestReadable();
    const nullstr = (c) => (c === null ? 'null' : String(c));
    log(nullstr(piper.read()));
    piper.on('end', () => log('piper end'));
    setTimeout(() => {
      ender.on('end', () => log('ender end'));
      log(nullstr(ender.read()));
      const w = new TestWritable();
      w.on('finish', () => log('finish:' + w._written.length));
      piper.pipe(w);
      log('piped');
    }, 1);
  },
}, 30);
