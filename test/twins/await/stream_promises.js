// Twin of spec/stream_promises_spec.lua (test-stream-promises.js): one case per `it`.
// Run: node test/twins/await/stream_promises.js
'use strict';
const stream = require('stream');
const { Readable, Writable, Duplex, Transform, PassThrough } = stream;
const { runTimed, errText } = require('../duplex/common');
const { pipeline, finished } = require('stream/promises');
const fs = require('fs');

runTimed({
  pipeline_ok(log) {
    const read = new Readable({ read() {} });
    const write = new Writable({ write(d, e, cb) { log('write', String(d)); cb(); } });
    write.on('finish', () => log('finish'));
    for (const c of ['a', 'b', 'c']) read.push(c);
    read.push(null);
    pipeline(read, write).then((v) => log('pipeline resolved', v), (e) => log('pipeline rejected', errText(e)));
  },
  pipeline_error(log) {
    const read = new Readable({ read() {} });
    const write = new Writable({ write(d, e, cb) { cb(); } });
    read.push('data');
    setImmediate(() => read.destroy());
    pipeline(read, write).then(() => log('pipeline resolved'), (e) => log('pipeline rejected', errText(e)));
  },
  finished_file(log) {
    const rs = fs.createReadStream(__filename);
    let ended = false;
    rs.resume();
    rs.on('end', () => { ended = true; });
    // The missing file's once the first has settled: two independent
    // threadpool round trips finish in either order under load.
    finished(rs).then(() => log('finished resolved', ended), (e) => log('finished rejected', errText(e)))
      .then(() => finished(fs.createReadStream('file-does-not-exist')))
      .then(() => log('missing resolved'), (e) => log('missing rejected', errText(e)));
  },
  cleanup_invalid(log) {
    try { finished(new Readable(), { cleanup: 2 }); log('ok'); } catch (e) { log('throw', errText(e)); }
    try { finished(new Readable(), { cleanup: true }); log('ok'); } catch (e) { log('throw', errText(e)); }
  },
  cleanup(log) {
    for (const opts of [{ cleanup: false }, { cleanup: true }, undefined]) {
      const w = new Writable();
      log('before', w.listenerCount('end'));
      finished(w, opts).then(() => log('resolved', JSON.stringify(opts), w.listenerCount('end'), w.listenerCount('finish'), w.listenerCount('error')));
      w.end();
    }
  },
});
