// Twin of spec/readable/readable_setEncoding_existing_buffers_spec.lua (test-stream-readable-setEncoding-existing-buffers.js, test-stream-readable-setEncoding-null.js): one case per `it`.
// Run: node test/twins/readable/readable_setEncoding_existing_buffers.js
'use strict';
const stream = require('stream');
const { Readable, Writable, Duplex, Transform, PassThrough } = stream;
const { runTimed, errText } = require('../duplex/common');


runTimed({
  two_bytes(log) {
    const r = new Readable({ read() {} });
    r.push(Buffer.from('a')); r.push(Buffer.from('b'));
    r.setEncoding('utf8');
    r.on('data', (c) => log('data', c));
    process.nextTick(() => log('tick'));
  },
  whole_split_char(log) {
    const r = new Readable({ read() {} });
    for (const b of [0xf0, 0x9f, 0x8e, 0x89]) r.push(Buffer.from([b]));
    log(r.readableLength);
    r.setEncoding('utf8');
    log(r.readableLength);
    r.on('data', (c) => log('data', c));
  },
  finished_later(log) {
    const r = new Readable({ read() {} });
    r.push(Buffer.from([0xf0])); r.push(Buffer.from([0x9f]));
    r.setEncoding('utf8');
    log(r.readableLength);
    r.push(Buffer.from([0x8e])); r.push(Buffer.from([0x89]));
    log(r.readableLength);
    r.on('data', (c) => log('data', c));
  },
  after_read0(log) {
    const chunks = [Buffer.from([0xf0, 0x9f]), Buffer.from([0x8e, 0x89]), null];
    const r = new Readable({ read() { this.push(chunks.shift()); } });
    r.read(0);
    log(r.readableFlowing, r.readableLength);
    r.setEncoding('utf8');
    log(r.readableLength);
    r.on('data', (c) => log('data', c));
    r.on('end', () => log('end'));
  },
  after_eof(log) {
    const r = new Readable({ read() {} });
    r.push(Buffer.from([0xf0])); r.push(Buffer.from([0x9f])); r.push(null);
    r.setEncoding('utf8');
    log(r.readableLength);
    r.on('data', (c) => log('data', c));
    r.on('end', () => log('end'));
  },
  null(log) {
    const r = new Readable({ read() {} });
    r.setEncoding(null);
    log(r.readableEncoding);
    r.setEncoding('hex');
    log(r.readableEncoding);
    r.setEncoding();
    log(r.readableEncoding);
    r.push('ab');
    r.on('data', (c) => log('data', typeof c, c));
  },
});
