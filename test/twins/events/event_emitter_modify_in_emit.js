// Twin of spec/events/event_emitter_modify_in_emit_spec.lua
// (test-event-emitter-modify-in-emit.js): the calls after each emit.
// Run: node test/twins/events/event_emitter_modify_in_emit.js
'use strict';
const { EventEmitter } = require('events');

const out = (name, a) => console.log(name + '\t' + JSON.stringify(a));
let called = [];
const e = new EventEmitter();
function callback1() {
  called.push('callback1');
  e.on('foo', callback2);
  e.on('foo', callback3);
  e.removeListener('foo', callback1);
}
function callback2() { called.push('callback2'); e.removeListener('foo', callback2); }
function callback3() { called.push('callback3'); e.removeListener('foo', callback3); }
e.on('foo', callback1);
e.emit('foo');
out('first_emit', called);
e.emit('foo');
out('second_emit', called);
e.emit('foo');
out('third_emit', called);
e.on('foo', callback1);
e.on('foo', callback2);
e.removeAllListeners('foo');
called = [];
e.on('foo', callback2);
e.on('foo', callback3);
e.emit('foo');
out('after_reset', called);
