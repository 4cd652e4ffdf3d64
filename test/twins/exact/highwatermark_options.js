// Node 20's getHighWaterMark: highWaterMark, else (Duplex only) the side's
// own key; anything but a non-negative integer is ERR_INVALID_ARG_VALUE
// naming options.highWaterMark, or in a Duplex the side's key.
'use strict';
const stream = require('stream');
const vals = [['"16"', '16'], ['"abc"', 'abc'], ['true', true], ['-1', -1], ['NaN', NaN],
  ['Infinity', Infinity], ['1.5', 1.5], ['0', 0], ['16', 16], ['2^31', 2 ** 31]];
const combos = [['Readable', 'highWaterMark'], ['Writable', 'highWaterMark'],
  ['Duplex', 'highWaterMark'], ['Duplex', 'readableHighWaterMark'],
  ['Duplex', 'writableHighWaterMark'], ['Transform', 'writableHighWaterMark'],
  ['Readable', 'readableHighWaterMark'], ['Writable', 'writableHighWaterMark']];
const V = (x) => (x === undefined ? 'nil' : String(x));
for (const [k, v] of vals) {
  for (const [cls, key] of combos) {
    try {
      const s = new stream[cls]({ [key]: v });
      console.log(cls, key, k, 'ok', V(s.readableHighWaterMark), V(s.writableHighWaterMark));
    } catch (e) {
      console.log(cls, key, k, e.code, e.message);
    }
  }
}
// Both keys: highWaterMark wins and the side's key is never looked at; the
// readable side is checked first; a Transform whose readable side is 0 uses
// `writableHighWaterMark || 0`.
const more = [
  ['Duplex', { highWaterMark: 5, readableHighWaterMark: 'x' }],
  ['Duplex', { readableHighWaterMark: -1, writableHighWaterMark: 'x' }],
  ['Duplex', { readableHighWaterMark: 1, writableHighWaterMark: 'x' }],
  ['Transform', { highWaterMark: 0, writableHighWaterMark: 5 }],
  ['Transform', { readableHighWaterMark: 0, writableHighWaterMark: NaN }],
  ['Transform', { readableHighWaterMark: 0, writableHighWaterMark: -1 }],
  ['Duplex', { readableHighWaterMark: 0, writableHighWaterMark: NaN }],
];
for (const [cls, o] of more) {
  const k = Object.keys(o).map((x) => x + '=' + String(o[x])).join(',');
  try {
    const s = new stream[cls](o);
    console.log(cls, k, 'ok', V(s.readableHighWaterMark), V(s.writableHighWaterMark));
  } catch (e) {
    console.log(cls, k, e.code, e.message);
  }
}
