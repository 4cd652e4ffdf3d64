// Transform's highWaterMark rule (spec/binding_props_spec.lua).
const { Transform } = require('stream');
for (const o of [{ readableHighWaterMark: 0 }, { highWaterMark: 0 },
  { readableHighWaterMark: 0, writableHighWaterMark: false },
  { readableHighWaterMark: 0, writableHighWaterMark: 5 },
  { readableHighWaterMark: 0, highWaterMark: 7 }]) {
  const t = new Transform(o);
  console.log(t.readableHighWaterMark + ' ' + t.writableHighWaterMark);
}
