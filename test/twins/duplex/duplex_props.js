// Twin of spec/duplex/duplex_props_spec.lua (test-stream-duplex-props.js):
// writableObjectMode, writableHighWaterMark, readableObjectMode,
// readableHighWaterMark. Run: node test/twins/duplex/duplex_props.js
'use strict';
const { Duplex } = require('stream');
const { runTimed } = require('./common');

const props = (log, d) => [d.writableObjectMode, d.writableHighWaterMark,
  d.readableObjectMode, d.readableHighWaterMark].forEach((x) => log(x));
runTimed({
  both_sides(log) { props(log, new Duplex({ objectMode: true, highWaterMark: 100 })); },
  each_side(log) {
    props(log, new Duplex({ readableObjectMode: false, readableHighWaterMark: 10,
      writableObjectMode: true, writableHighWaterMark: 100 }));
  },
}, 10);
