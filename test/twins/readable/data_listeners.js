// Twin of spec/readable/read_data_listeners_beyond_node_spec.lua: read() in
// paused mode emits 'data' to exactly the listeners there are at that read,
// whichever way they were added or removed between two reads.
// (Removing through the other emitter is left out: Node's removeListener
// then gives that emitter a fresh _events, events.lua empties the shared one.)
// Run: node test/twins/readable/data_listeners.js
'use strict';
const { Readable } = require('stream');
const EventEmitter = require('events');
const { runTimed } = require('../duplex/common');

// A paused stream holding 'abcdefghijkl'; rd(tag) reads one byte.
function paused(log) {
  const r = new Readable({ read() {} });
  r.pause();
  r.push('abcdefghijkl');
  const rd = (tag) => log(tag, 'read', String(r.read(1)));
  const f = (c) => log('f', String(c));
  const g = (c) => log('g', String(c));
  return { r, rd, f, g };
}

runTimed({
  on_off(log) {
    const { r, rd, f } = paused(log);
    rd('none');
    r.on('data', f);
    rd('on');
    r.off('data', f);
    rd('off');
    r.addListener('data', f);
    rd('addListener');
    r.removeListener('data', f);
    rd('removeListener');
  },
  once(log) {
    const { r, rd, f } = paused(log);
    rd('none');
    r.once('data', f);
    rd('once');
    rd('fired');
    r.once('data', f);
    r.off('data', f);
    rd('once off');
  },
  prepend(log) {
    const { r, rd, f, g } = paused(log);
    rd('none');
    r.prependListener('data', f);
    rd('prependListener');
    r.prependOnceListener('data', g);
    rd('prependOnceListener');
    rd('g fired');
    r.off('data', f);
    rd('off');
    r.prependOnceListener('data', g);
    rd('alone');
    rd('gone');
  },
  remove_all(log) {
    const { r, rd, f, g } = paused(log);
    rd('none');
    r.on('data', f);
    r.on('data', g);
    rd('two');
    r.removeAllListeners('data');
    rd('removeAllListeners data');
    r.on('data', f);
    rd('again');
    r.removeAllListeners();
    rd('removeAllListeners');
  },
  events_assigned(log) {
    const { r, rd, f } = paused(log);
    rd('none');
    r._events = { data: [f] };
    rd('assigned');
    r._events = {};
    rd('emptied');
  },
  events_shared(log) {
    const { r, rd, g } = paused(log);
    const e = new EventEmitter();
    r.on('close', () => {}); // so that r has an _events table in Lua too
    rd('none');
    e._events = r._events;
    e.on('data', g);
    rd('shared on');
  },
  listener_changes_listeners(log) {
    const { r, rd, f, g } = paused(log);
    rd('none');
    r.on('data', function h(c) {
      log('h', String(c));
      r.off('data', h);
      r.on('data', g);
    });
    rd('h');
    rd('g');
    r.off('data', g);
    rd('nobody');
    r.on('data', f);
    rd('f');
  },
  emit_replaced(log) {
    const { r, rd } = paused(log);
    rd('none');
    r.emit = function (ev, ...a) {
      if (ev === 'data') log('emit', ev, String(a[0]));
      return EventEmitter.prototype.emit.call(this, ev, ...a);
    };
    rd('emit');
    delete r.emit;
    rd('default');
  },
}, 30);
