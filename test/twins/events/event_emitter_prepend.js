// Twin of spec/events/event_emitter_prepend_spec.lua (test-event-emitter-prepend.js).
// Run: node test/twins/events/event_emitter_prepend.js
'use strict';
const { EventEmitter } = require('events');

const log = [];
const myEE = new EventEmitter();
myEE.on('foo', () => log.push('last'));
myEE.prependListener('foo', () => log.push('second'));
myEE.prependOnceListener('foo', () => log.push('first'));
myEE.emit('foo');
myEE.emit('foo');
console.log('prepended\t' + JSON.stringify(log));
