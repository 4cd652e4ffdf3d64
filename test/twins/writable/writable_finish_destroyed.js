// Twin of spec/writable/writable_finish_destroyed_spec.lua
// (test-stream-writable-finish-destroyed.js): one case per `it`.
// Run: node test/twins/writable/writable_finish_destroyed.js
'use strict';
const { Writable } = require('stream');
const { runTimed, watch, errText } = require('../duplex/common');

runTimed({
  end_then_destroy(log) {
    const w = new Writable({ write(c, e, cb) {
      log('write');
      w.on('close', () => { log('close->cb'); cb(); });
    } });
    w.end('asd');
    w.destroy();
    watch(w, log, ['finish', 'close', 'error']);
  },
  end_from_close(log) {
    const w = new Writable({ write(c, e, cb) {
      log('write');
      w.on('close', () => { log('close->cb'); cb(); w.end(); });
    } });
    w.write('asd');
    w.destroy();
    watch(w, log, ['finish', 'close', 'error']);
  },
  destroy_in_finish(log) {
    const w = new Writable({ write(c, e, cb) { cb(); } });
    w.on('finish', () => { log('finish'); w.destroy(); });
    watch(w, log, ['prefinish', 'close', 'error']);
    w.end('asd', (err) => log('endcb:' + errText(err)));
  },
}, 50);
