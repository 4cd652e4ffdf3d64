// Twin of spec/writable/writable_properties_spec.lua
// (test-stream-writable-properties.js): one case per `it`.
// Run: node test/twins/writable/writable_properties.js
'use strict';
const { Writable } = require('stream');
const { runTimed } = require('../duplex/common');

runTimed({
  corked_counts(log) {
    const w = new Writable();
    const p = () => log(w.writableCorked);
    p(); w.uncork(); p(); w.cork(); p(); w.cork(); p(); w.uncork(); p(); w.uncork(); p(); w.uncork(); p();
  },
  uncork_uncorked(log) {
    const w = new Writable({ write(c, e, cb) { log('write:' + c); cb(); } });
    w.uncork();
    w.write('a');
    log('corked=' + w.writableCorked);
  },
}, 30);
