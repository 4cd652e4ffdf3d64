// Twin of spec/readable/readable_ended_spec.lua (test-stream-readable-ended.js):
// one case per `it`. Run: node test/twins/readable/readable_ended.js
'use strict';
const { Readable } = require('stream');
const { runTimed, errText } = require('../duplex/common');

runTimed({
  ended_on_end(log) {
    const r = new Readable({ read() {
      log('_read'); log(r.readableEnded);
      this.push('asd');
      log(r.readableEnded);
      this.push(null);
      log(r.readableEnded);
    } });
    r.on('end', () => { log('end'); log(r.readableEnded); });
    r.on('data', () => { log('data'); log(r.readableEnded); });
  },
  several_push_null(log) {
    const r = new Readable({ read() {} });
    r.on('readable', () => { log('readable'); r.read(); });
    r.on('error', (e) => log('error:' + errText(e)));
    r.on('end', () => log('end'));
    r.push('a');
    r.push(null);
    r.push(null);
  },
}, 30);
