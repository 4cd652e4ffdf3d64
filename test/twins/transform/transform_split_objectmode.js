// Twin of spec/transform/transform_split_objectmode_spec.lua
// (test-stream-transform-split-objectmode.js).
// Run: node test/twins/transform/transform_split_objectmode.js
'use strict';
const { Transform } = require('stream');
const { runTimed } = require('../duplex/common');

runTimed({
  split(log) {
    const parser = new Transform({ readableObjectMode: true });
    [parser.readableObjectMode, parser.writableObjectMode, parser.readableHighWaterMark,
     parser.writableHighWaterMark].forEach((x) => log(x));
    parser._transform = (chunk, enc, callback) => callback(null, { val: chunk[0] });
    parser.on('data', (obj) => log('parsed:' + obj.val));
    parser.end(Buffer.from([42]));
    const serializer = new Transform({ writableObjectMode: true });
    [serializer.readableObjectMode, serializer.writableObjectMode, serializer.readableHighWaterMark,
     serializer.writableHighWaterMark].forEach((x) => log(x));
    serializer._transform = (obj, _, callback) => callback(null, Buffer.from([obj.val]));
    serializer.on('data', (chunk) => log('serialized:' + chunk[0]));
    serializer.write({ val: 42 });
  },
}, 30);
