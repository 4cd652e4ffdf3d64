// Which properties a Readable, a Writable, a Duplex and a Transform have in
// Node, and their initial values (spec/binding_props_spec.lua).
const { Readable, Writable, Duplex, Transform } = require('stream');
const names = ['readable', 'readableFlowing', 'readableLength', 'readableHighWaterMark',
  'readableEncoding', 'readableEnded', 'readableObjectMode', 'readableAborted',
  'readableDidRead', 'destroyed', 'closed', 'errored', 'writable',
  'writableLength', 'writableHighWaterMark', 'writableEnded', 'writableFinished',
  'writableCorked', 'writableNeedDrain', 'writableObjectMode', 'writableAborted',
  'allowHalfOpen'];
const make = {
  Readable: () => new Readable({ read() {} }),
  Writable: () => new Writable({ write(c, e, cb) { cb(); } }),
  Duplex: () => new Duplex({ read() {}, write(c, e, cb) { cb(); } }),
  Transform: () => new Transform({ transform(c, e, cb) { cb(null, c); } }),
};
for (const k of Object.keys(make)) {
  const s = make[k]();
  for (const n of names) console.log(k, n, s[n] === undefined ? 'nil' : JSON.stringify(s[n]));
}
