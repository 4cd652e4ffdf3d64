// Twin of spec/events/event_emitter_errors_spec.lua (test-event-emitter-errors.js):
// a handled 'error', and a listener's throw stopping the emit.
// Run: node test/twins/events/event_emitter_errors.js
'use strict';
const { EventEmitter } = require('events');

const out = (name, a) => console.log(name + '\t' + JSON.stringify(a.map(String)));
{
  const ee = new EventEmitter();
  const got = [];
  ee.on('error', (e) => got.push(e));
  ee.emit('error', 'boom');
  out('handled', got);
}
{
  const ee = new EventEmitter();
  const log = [];
  ee.on('x', () => { log.push(1); throw new Error('bad'); });
  ee.on('x', () => log.push(2));
  try { ee.emit('x'); } catch (e) { /* the caller gets it */ }
  out('listener_throws', log);
}
