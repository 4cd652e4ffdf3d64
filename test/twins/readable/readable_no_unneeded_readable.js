// Twin of spec/readable/readable_no_unneeded_readable_spec.lua
// (test-stream-readable-no-unneeded-readable.js, the Readable source case).
// Run: node test/twins/readable/readable_no_unneeded_readable.js
'use strict';
const { Readable, PassThrough } = require('stream');
const { runTimed } = require('../duplex/common');

runTimed({
  wrapper_ends(log) {
    const source = new Readable({ read() {} });
    source.push('foo');
    source.push('bar');
    source.push(null);
    const pt = source.pipe(new PassThrough());
    const wrapper = new Readable({ read() {
      let data = pt.read();
      if (data) { wrapper.push(data); return; }
      pt.once('readable', () => {
        data = pt.read();
        if (data) wrapper.push(data);
      });
    } });
    pt.once('end', () => { log('pt end'); wrapper.push(null); });
    wrapper.on('data', (d) => log('data:' + d));
    wrapper.once('end', () => log('end'));
  },
}, 50);
