// Twin of spec/writable/writable_null_spec.lua (test-stream-writable-null.js):
// one case per `it`; a null encoding is "nil", Lua's name for it.
// Run: node test/twins/writable/writable_null.js
'use strict';
const { Writable } = require('stream');
const { runTimed, watch, errText } = require('../duplex/common');

const raises = (f) => { try { f(); return 'no error'; } catch (e) { return e.code || e.message; } };
const writeOk = (c, e, cb) => cb();
runTimed({
  object_mode_null(log) {
    const m = new Writable({ objectMode: true, write: writeOk });
    watch(m, log, ['error']);
    log(raises(() => m.write(null, () => log('cb'))));
  },
  byte_mode_false(log) {
    const m = new Writable({ write: writeOk });
    watch(m, log, ['error']);
    log(raises(() => m.write(false, () => log('cb'))));
  },
  object_mode_false(log) {
    const m = new Writable({ objectMode: true, write(c, e, cb) { log('write:' + c + '/' + (e == null ? 'nil' : e)); cb(); } });
    watch(m, log, ['error']);
    m.write(false, (e) => log('cb:' + errText(e)));
  },
}, 50);
