// Twin of spec/readable/unshift_empty_chunk_spec.lua "unshift('') in object
// mode is a chunk; in byte mode it changes nothing". Prints `case<TAB>JSON
// array`; the case starts from a timer, as a spec body starts.
'use strict';
const { Readable } = require('stream');
const { runTimed } = require('../duplex/common.js');

runTimed({
  unshift_empty_string(log) {
    const r = new Readable({ objectMode: true, read() {} });
    r.unshift('');
    log(r.readableLength); log(JSON.stringify(r.read())); log(r.readableLength);
    const b = new Readable({ read() { log('_read'); } });
    b.push('ab');
    b.unshift('');
    const len = b.readableLength, got = String(b.read()); // both read before logging, as the spec's put()
    log(len); log(got);
    r.destroy();
  },
});
