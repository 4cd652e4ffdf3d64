// Twin of spec/readable/objectmode_undefined_spec.lua
// (test-stream-objectmode-undefined.js; Lua's nil is null, so the spec's
// second case pushes null where Node's test pushes undefined): one case per
// `it`. Run: node test/twins/readable/objectmode_undefined.js
'use strict';
const { Readable } = require('stream');
const { runTimed } = require('../duplex/common');

runTimed({
  push_false(log) {
    const r = new Readable({ objectMode: true, read() { r.push(false); r.push(null); } });
    r.on('data', (c) => { log('data'); log(c); });
    r.on('end', () => log('end'));
  },
  push_null(log) {
    const r = new Readable({ objectMode: true, read() { r.push(null); } });
    r.on('data', (c) => { log('data'); log(c); });
    r.on('end', () => log('end'));
  },
  zero_and_empty(log) {
    const r = new Readable({ objectMode: true, read() { r.push(0); r.push(''); r.push(null); } });
    r.on('data', (c) => log(c));
    r.on('end', () => log('end'));
  },
}, 30);
