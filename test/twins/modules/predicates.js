// The Node side of spec/modules_spec.lua's predicate test: utils.js's
// isReadableNodeStream (looks readable) against isReadable (can still be
// read), before and after 'end'; null is printed as "nil", Lua's name for it.
// Run: node --expose-internals predicates.js
// node-flags: --expose-internals
const { Readable, Writable, isReadable } = require('stream');
const { EventEmitter } = require('events');
const utils = require('internal/streams/utils');

const out = (name, a) => console.log(name + '\t' + JSON.stringify(a.map((x) => (x == null ? 'nil' : String(x)))));
const r = new Readable({ read() {} });
const w = new Writable({ write(c, e, cb) { cb(); } });
const legacy = new EventEmitter();
legacy.pipe = () => {};
out('looks_readable', [utils.isReadableNodeStream(r), utils.isReadableNodeStream(w),
                       utils.isReadableNodeStream(legacy)]);
out('is_readable', [utils.isReadable(r), utils.isReadable(w), utils.isReadable(legacy)]);
r.push(null);
r.resume();
const order = [];
r.on('end', () => {
  order.push('end');
  setImmediate(() => {
    out('order', order);
    out('ended', [utils.isReadable(r), isReadable(r)]);
  });
});
