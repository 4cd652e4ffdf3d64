// The Node side of spec/modules_spec.lua's predicate test: utils.js's
// isReadableNodeStream (looks readable) against isReadable (can still be
// read), before and after 'end'.  Run: node --expose-internals predicates.js
// node-flags: --expose-internals
const { Readable, Writable } = require('stream');
const { EventEmitter } = require('events');
const utils = require('internal/streams/utils');

const r = new Readable({ read() {} });
const w = new Writable({ write(c, e, cb) { cb(); } });
const legacy = new EventEmitter();
legacy.pipe = () => {};
console.log(JSON.stringify([utils.isReadableNodeStream(r), utils.isReadableNodeStream(w),
                            utils.isReadableNodeStream(legacy)]));
console.log(JSON.stringify([utils.isReadable(r), String(utils.isReadable(w)),
                            String(utils.isReadable(legacy))]));
r.push(null);
r.resume();
r.on('end', () => {
  console.log('end');
  console.log(JSON.stringify([utils.isReadable(r)]));
});
