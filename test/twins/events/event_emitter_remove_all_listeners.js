// Twin of spec/events/event_emitter_remove_all_listeners_spec.lua
// (test-event-emitter-remove-all-listeners.js): the cases that log names or
// numbers (the others compare listener functions).
// Run: node test/twins/events/event_emitter_remove_all_listeners.js
'use strict';
const { EventEmitter } = require('events');

const out = (name, a) => console.log(name + '\t' + JSON.stringify(a.map(String)));
{
  const listener = () => {};
  const ee = new EventEmitter();
  ee.on('foo', listener);
  ee.on('bar', listener);
  ee.on('baz', listener);
  ee.on('baz', listener);
  const log = [];
  ee.on('removeListener', (name) => log.push(name));
  ee.removeAllListeners('bar');
  ee.removeAllListeners('baz');
  out('removed_names', log);
}
{
  const ee = new EventEmitter();
  const lengths = [];
  ee.on('removeListener', () => lengths.push(ee.listeners('baz').length));
  ee.on('baz', () => {});
  ee.on('baz', () => {});
  ee.on('baz', () => {});
  ee.removeAllListeners('baz');
  out('shrinking', lengths);
}
{
  const ee = new EventEmitter();
  const log = [];
  ee.on('x', () => { log.push(1); ee.removeAllListeners(); });
  ee.on('x', () => log.push(2));
  ee.emit('x');
  ee.emit('x');
  out('emit_in_progress', log);
}
