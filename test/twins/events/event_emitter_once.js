// Twin of spec/events/event_emitter_once_spec.lua (test-event-emitter-once.js):
// the once listener that re-emits. Run: node test/twins/events/event_emitter_once.js
'use strict';
const { EventEmitter } = require('events');

const log = [];
const e = new EventEmitter();
e.once('e', () => { log.push('first'); e.emit('e'); });
e.once('e', () => log.push('second'));
e.emit('e');
console.log('reemit\t' + JSON.stringify(log));
