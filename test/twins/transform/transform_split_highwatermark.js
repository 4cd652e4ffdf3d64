// Twin of spec/transform/transform_split_highwatermark_spec.lua
// (test-stream-transform-split-highwatermark.js): one case per `it`, each
// Transform's highWaterMarks as "readable/writable".
// Run: node test/twins/transform/transform_split_highwatermark.js
'use strict';
const { Readable, Writable, Transform, PassThrough, Duplex } = require('stream');
const { runTimed } = require('../duplex/common');

const hwm = (opts) => {
  const t = new Transform(opts);
  return t.readableHighWaterMark + '/' + t.writableHighWaterMark;
};
runTimed({
  split_options(log) {
    log(hwm({ readableHighWaterMark: 666 }));
    log(hwm({ writableHighWaterMark: 777 }));
    log(hwm({ readableHighWaterMark: 666, writableHighWaterMark: 777 }));
  },
  highwatermark_overrides(log) {
    log(hwm({ highWaterMark: 555, readableHighWaterMark: 666 }));
    log(hwm({ highWaterMark: 555, writableHighWaterMark: 777 }));
    log(hwm({ highWaterMark: 555, readableHighWaterMark: 666, writableHighWaterMark: 777 }));
  },
  undefined_defaults(log) {
    log(hwm({ readableHighWaterMark: undefined }));
    log(hwm({ writableHighWaterMark: undefined }));
    log(hwm({ highWaterMark: undefined, readableHighWaterMark: 666 }));
    log(hwm({ highWaterMark: undefined, writableHighWaterMark: 777 }));
  },
  zero(log) {
    const P = new PassThrough({ highWaterMark: 0 });
    const Dx = new Duplex({ readableHighWaterMark: 0 });
    log(hwm({ highWaterMark: 0 }));
    log(hwm({ readableHighWaterMark: 0 }));
    log(hwm({ readableHighWaterMark: 0, writableHighWaterMark: 5 }));
    log(hwm({ highWaterMark: 0, writableHighWaterMark: 5 }));
    log(hwm({ objectMode: true, readableHighWaterMark: 0 }));
    log(hwm({ writableHighWaterMark: 0 }));
    log(P.readableHighWaterMark + '/' + P.writableHighWaterMark);
    log(Dx.readableHighWaterMark + '/' + Dx.writableHighWaterMark);
  },
  nan(log) {
    for (const k of ['readableHighWaterMark', 'writableHighWaterMark']) {
      try { new Transform({ [k]: NaN }); log('no raise'); } catch (e) { log(e.code || 'null'); }
    }
  },
  non_duplex_ignore(log) {
    log(new Readable({ readableHighWaterMark: 666 }).readableHighWaterMark);
    log(new Writable({ writableHighWaterMark: 777 }).writableHighWaterMark);
  },
}, 10);
