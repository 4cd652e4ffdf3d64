// Twin of spec/end_of_streams_spec.lua (test-stream-end-of-streams.js, test-stream-add-abort-signal.js): one case per `it`.
// Run: node test/twins/finished/end_of_streams.js
'use strict';
const stream = require('stream');
const { Readable, Writable, Duplex, Transform, PassThrough } = stream;
const { runTimed, errText } = require('../duplex/common');


runTimed({
  finished(log) {
    try { stream.finished({}, () => {}); log('ok'); } catch (e) { log('throw', errText(e)); }
    const d = new Duplex();
    d.end();
    stream.finished(d, (e) => log('cb', errText(e)));
    d.on('error', (e) => log('error', errText(e)));
    setTimeout(() => { log('destroying'); d.destroy(); }, 5);
  },
  add_abort_signal(log) {
    try { stream.addAbortSignal('INVALID_SIGNAL'); log('ok'); } catch (e) { log('throw', errText(e)); }
    const ac = new AbortController();
    try { stream.addAbortSignal(ac.signal, 'INVALID_STREAM'); log('ok'); } catch (e) { log('throw', errText(e)); }
    try { stream.addAbortSignal(ac.signal, {}); log('ok'); } catch (e) { log('throw', errText(e)); }
    const r = new Readable({ read() {} });
    log(stream.addAbortSignal(ac.signal, r) === r);
    r.on('error', (e) => log('error', e.name, errText(e), e.cause === ac.signal.reason));
    r.on('close', () => log('close'));
    ac.abort();
  },
});
