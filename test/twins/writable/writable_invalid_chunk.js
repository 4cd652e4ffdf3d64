// Twin of spec/writable/writable_invalid_chunk_spec.lua
// (test-stream-writable-invalid-chunk.js): bytes_N and objs_N are the spec's
// Nth entry of its byte-mode and object-mode lists (Lua's nil is null, an
// integer 0 and a float 0.0 are both 0). Run: node test/twins/writable/writable_invalid_chunk.js
'use strict';
const { Writable } = require('stream');
const { runTimed, watch } = require('../duplex/common');

const raises = (f) => { try { f(); return 'no error'; } catch (e) { return e.code || e.message; } };
const cases = {};
[{}, 0, true, false, 0.0, console.log, null].forEach((v, i) => {
  cases['bytes_' + (i + 1)] = (log) => {
    const w = new Writable({ write() { log('WRITE!'); } });
    watch(w, log, ['error']);
    log(raises(() => w.write(v)));
  };
});
[{}, 0, true, false, 0.0, ''].forEach((v, i) => {
  cases['objs_' + (i + 1)] = (log) => {
    const w = new Writable({ objectMode: true, write(c, e, cb) { if (c !== v) log('got another chunk'); cb(); } });
    watch(w, log, ['error']);
    log(raises(() => w.write(v)));
  };
});
cases.object_mode_nil = (log) => {
  const w = new Writable({ objectMode: true, write() { log('WRITE!'); } });
  watch(w, log, ['error']);
  log(raises(() => w.write(null)));
};
runTimed(cases, 30);
