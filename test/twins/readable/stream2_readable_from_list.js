// Twin of spec/readable/stream2_readable_from_list_spec.lua
// (test-stream2-readable-from-list.js, through read(n) as the public API):
// one case per `it`; read()'s null is logged as "null".
// Run: node test/twins/readable/stream2_readable_from_list.js
'use strict';
const { Readable } = require('stream');
const { runTimed } = require('../duplex/common');

const nullstr = (c) => (c === null ? 'null' : String(c));
const make = (opts, ended) => {
  opts.read = () => {};
  const r = new Readable(opts);
  for (const c of ['foog', 'bark', 'bazy', 'kuel']) r.push(c);
  if (ended) r.push(null);
  return r;
};
runTimed({
  bytes_ended(log) {
    const r = make({}, true);
    log(nullstr(r.read(6))); log(nullstr(r.read(2))); log(nullstr(r.read(2)));
    log(nullstr(r.read(100))); log(r.readableLength); log(nullstr(r.read()));
  },
  bytes_not_ended(log) {
    const r = make({}, false);
    log(nullstr(r.read(6))); log(nullstr(r.read(2))); log(nullstr(r.read(2)));
    log(nullstr(r.read(100))); log(r.readableLength); log(nullstr(r.read()));
  },
  strings_ended(log) {
    const r = make({ encoding: 'utf8' }, true);
    log(nullstr(r.read(6))); log(nullstr(r.read(2))); log(nullstr(r.read(2)));
    log(nullstr(r.read(100))); log(r.readableLength);
  },
}, 20);
