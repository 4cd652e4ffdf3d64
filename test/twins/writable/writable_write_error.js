// Twin of spec/writable/writable_write_error_spec.lua
// (test-stream-writable-write-error.js): one case per `it`, for autoDestroy
// false and true. Run: node test/twins/writable/writable_write_error.js
'use strict';
const { Writable } = require('stream');
const { runTimed, watch, errText } = require('../duplex/common');

const raises = (f) => { try { f(); return 'no error'; } catch (e) { return e.code || e.message; } };
const cases = {};
for (const ad of [false, true]) {
  cases['write_after_end_' + ad] = (log) => {
    const w = new Writable({ autoDestroy: ad, write() {} });
    w.end();
    w.write('asd', (e) => log('cb:' + errText(e)));
    log('sync');
    watch(w, log, ['error', 'close']);
  };
  cases['write_after_destroy_' + ad] = (log) => {
    const w = new Writable({ autoDestroy: ad, write() {} });
    w.destroy();
    w.write('asd', (e) => log('cb:' + errText(e)));
    log('sync');
    watch(w, log, ['error', 'close']);
  };
  cases['write_null_' + ad] = (log) => {
    const w = new Writable({ autoDestroy: ad, write() {} });
    watch(w, log, ['error', 'close']);
    log(raises(() => w.write(null, (e) => log('cb:' + errText(e)))));
  };
  cases['write_object_' + ad] = (log) => {
    const w = new Writable({ autoDestroy: ad, write() {} });
    watch(w, log, ['error', 'close']);
    log(raises(() => w.write({}, (e) => log('cb:' + errText(e)))));
  };
}
runTimed(cases, 50);
