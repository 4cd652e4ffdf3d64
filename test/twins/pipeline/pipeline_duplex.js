// Twin of spec/pipeline/pipeline_duplex_spec.lua (test-stream-pipeline-duplex.js, test-stream-pipeline-async-iterator.js): one case per `it`.
// Run: node test/twins/pipeline/pipeline_duplex.js
'use strict';
const stream = require('stream');
const { Readable, Writable, Duplex, Transform, PassThrough } = stream;
const { runTimed, errText } = require('../duplex/common');


runTimed({
  loop(log) {
    const remote = new PassThrough();
    const local = new Duplex({ read() {}, write(c, e, cb) { cb(); } });
    stream.pipeline(remote, local, remote, (err) => log('cb', errText(err)));
    setImmediate(() => remote.end());
    for (const e of ['close', 'finish', 'end', 'error']) {
      remote.on(e, () => log('remote', e));
      local.on(e, () => log('local', e));
    }
  },
  iterated(log) {
    const source = new Readable({ read() {} });
    source.push('helloworld');
    setImmediate(() => source.destroy(new Error('kaboom')));
    const it = stream.pipeline(source, new PassThrough(), () => {});
    it.setEncoding('utf8');
    (async () => {
      try { for await (const k of it) log('chunk', k); log('done'); } catch (e) { log('caught', errText(e)); }
    })();
  },
});
