// Twin of spec/duplex/duplex_implementation_errors_spec.lua: a Lua error
// raised in _write or _read destroys the Duplex with it (API.md section 3),
// so here those functions call destroy(err) where the spec raises (a string
// error as is). Run: node test/twins/duplex/duplex_implementation_errors.js
'use strict';
const { Duplex } = require('stream');
const { runTimed, watch } = require('./common');

const ALL = ['end', 'finish', 'close', 'error'];
runTimed({
  raised_in_write(log) {
    const d = new Duplex({ read() {}, write() { this.destroy('boom'); } });
    watch(d, log, ALL);
    d.write('x');
  },
  raised_in_read(log) {
    const e = new Error('x');
    e.code = 'EMINE';
    const d = new Duplex({ read() { this.destroy(e); }, write(c, en, cb) { cb(); } });
    watch(d, log, ALL);
    d.resume();
  },
}, 30);
