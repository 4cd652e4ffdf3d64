// Twin of spec/pipeline/pipeline_listeners_spec.lua
// (test-stream-pipeline-listeners.js), the three logs sorted as the spec
// sorts them. Run: node test/twins/pipeline/pipeline_listeners.js
'use strict';
const { Writable, Duplex, PassThrough, pipeline } = require('stream');
const { errText } = require('../duplex/common');

const log = [];
const L = (...a) => log.push(a.map(String).join(' '));
const a = new PassThrough();
a.end('foobar');
const b = new Duplex({ read() {}, write(c, e, cb) { cb(); } });
pipeline(a, b, (err) => L('ab', errText(err), a.listenerCount('error') > 0, b.listenerCount('error')));
const c = new PassThrough();
c.end('foobar');
const d = pipeline(c, async function* (source) {
  for await (const chunk of source) yield String(chunk).toUpperCase();
}, (err) => L('cd', errText(err), c.listenerCount('error') > 0, d.listenerCount('error')));
const e = new PassThrough();
e.end('foobar');
const f = new Writable({ write(c, e, cb) { cb(); } });
pipeline(e, f, (err) => L('ef', errText(err), e.listenerCount('error') > 0, f.listenerCount('error') > 0));
setTimeout(() => {
  console.log('listeners\t' + JSON.stringify(log.sort()));
  b.destroy();
  d.destroy();
}, 50);
