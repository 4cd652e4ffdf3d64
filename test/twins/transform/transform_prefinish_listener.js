// Twin of spec/transform/transform_prefinish_listener_beyond_node_spec.lua:
// Node's Transform constructor ends with this.on('prefinish', prefinish),
// a listener that runs _flush when the user replaced _final. It counts as
// a listener, runs in its place among the others, can be removed, and
// runs on a 'prefinish' emitted by hand. One case per `it`.
// Run: node test/twins/transform/transform_prefinish_listener.js
'use strict';
const { Transform } = require('stream');
const { runTimed, watch } = require('../duplex/common');

const EV = ['data', 'end', 'prefinish', 'finish', 'error', 'close'];
const make = (log, final) => new Transform({
  transform(c, e, cb) { cb(null, c); },
  flush(cb) { log('_flush'); cb(null, 'z'); },
  final,
});

runTimed({
  prepended(log) {
    const t = make(log, (cb) => { log('_final'); cb(); });
    t.prependListener('prefinish', () => log('first prefinish'));
    watch(t, log, EV);
    log('count ' + t.listenerCount('prefinish'));
    t.end('a');
  },
  removed_with_final(log) {
    const t = make(log, (cb) => { log('_final'); cb(); });
    t.removeAllListeners('prefinish');
    watch(t, log, EV);
    t.end('a');
    setTimeout(() => log('ended ' + t.readableEnded), 5);
  },
  removed_without_final(log) {
    const t = make(log);
    t.removeAllListeners('prefinish');
    watch(t, log, EV);
    t.end('a');
  },
  emitted_by_hand(log) {
    const t = make(log, (cb) => { log('_final'); cb(); });
    watch(t, log, EV);
    t.write('a');
    t.emit('prefinish');
    log('sync');
  },
  destroyed_before_it(log) {
    const t = make(log, (cb) => { log('_final'); cb(); });
    t.prependListener('prefinish', () => { log('pre'); t.destroy(); });
    watch(t, log, EV);
    t.end('a');
  },
});
