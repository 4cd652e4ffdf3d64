// Twin of spec/writable/writable_end_cb_error_spec.lua
// (test-stream-writable-end-cb-error.js): one case per `it`.
// Run: node test/twins/writable/writable_end_cb_error.js
'use strict';
const { Writable } = require('stream');
const { runTimed, watch, errText } = require('../duplex/common');

runTimed({
  every_end_cb(log) {
    const w = new Writable();
    w._write = (c, e, cb) => { log('write'); process.nextTick(cb, new Error('kaboom')); };
    watch(w, log, ['error', 'close']);
    w.write('asd');
    w.end((err) => log('end1:' + errText(err)));
    w.end((err) => log('end2:' + errText(err)));
  },
  end_cb_once(log) {
    const w = new Writable();
    w._write = (c, e, cb) => process.nextTick(cb);
    w.end('asd', (err) => log('endcb:' + errText(err)));
    watch(w, log, ['error', 'close']);
    w.on('finish', () => { log('finish'); w.emit('error', new Error('kaboom')); });
  },
  end_chunk_after_end(log) {
    const w = new Writable({ write(c, e, cb) { setImmediate(cb); } });
    w.end('testing ended state', (err) => log('end1:' + errText(err)));
    log(`d=${w.destroyed} ended=${w.writableEnded}`);
    w.end((err) => log('end2:' + errText(err)));
    log(`d=${w.destroyed} ended=${w.writableEnded}`);
    w.end('end', (err) => log('end3:' + errText(err)));
    log(`d=${w.destroyed}`);
    watch(w, log, ['error', 'finish', 'close']);
  },
}, 50);
