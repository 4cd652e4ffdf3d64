// Twin of spec/writable/finish_alias_spec.lua: finish() is Node's end().
// Run: node test/twins/writable/finish_alias.js
'use strict';
const { Writable } = require('stream');
const { runTimed, watch, errText } = require('../duplex/common');

runTimed({
  end_chunk_encoding_cb(log) {
    const w = new Writable({ write(c, e, cb) { log('write:' + c + '/' + e); cb(); } });
    watch(w, log, ['finish']);
    const r = w.end('hello world', 'ascii', (e) => log('endcb:' + errText(e)));
    log('self=' + (r === w));
  },
}, 30);
