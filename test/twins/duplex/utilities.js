// Twin of spec/duplex/duplexpair_spec.lua (test-stream-duplexpair.js),
// spec/set_default_hwm_spec.lua (test-stream-set-default-hwm.js) and
// spec/readable/readable_didRead_spec.lua (isDisturbed/isErrored,
// test-stream-readable-didRead.js), with node v20.
// Run: node test/twins/duplex/utilities.js
'use strict';
const stream = require('stream');
const { Duplex, Readable, Writable, Transform, duplexPair } = stream;
const { errText, watch, run } = require('./common');

const EV = ['data', 'prefinish', 'finish', 'end', 'close', 'error'];
const state = (r) => 'didRead=' + r.readableDidRead + ' disturbed=' + stream.isDisturbed(r) +
  ' errored=' + stream.isErrored(r);

// test-stream-readable-didRead.js's check(): data is how many 'data' events
// it expects (0: none, -1: an error, -2: neither 'end' nor data).
function didRead(log, pushes, fn) {
  const r = new Readable({ read() { for (const c of pushes) this.push(c); } });
  log(state(r));
  r.on('error', () => log('error errored=' + stream.isErrored(r)));
  watch(r, log, ['data', 'end', 'close']);
  fn(r);
  setImmediate(() => log('later ' + state(r)));
}

run({
  pair_two_sides(log) {
    const [a, b] = duplexPair();
    log('Duplex=' + (a instanceof Duplex) + '/' + (b instanceof Duplex) + ' distinct=' + (a !== b));
  },
  pair_write_reaches_other(log) {
    const [client, server] = duplexPair();
    watch(client, (e) => log('client ' + e), EV);
    server.write('foo');
  },
  pair_end_reaches_other(log) {
    const [client, server] = duplexPair();
    watch(server, (e) => log('server ' + e), EV);
    watch(client, (e) => log('client ' + e), EV);
    client.end('foo');
  },
  pair_corked(log) {
    const [server, client] = duplexPair();
    server.cork();
    server.write('abc');
    server.write('12');
    server.end('\n');
    server.uncork();
    let characters = '';
    client.on('readable', function() {
      for (let segment; (segment = this.read()) !== null;) characters += segment;
    });
    client.on('end', () => log('end ' + JSON.stringify(characters)));
  },
  pair_empty_writes(log) {
    const [server, client] = duplexPair();
    server.write('');
    server.write('12');
    server.write('');
    server.write('');
    server.end('\n');
    let characters = '';
    client.on('readable', function() {
      for (let segment; (segment = this.read()) !== null;) characters += segment;
    });
    client.on('end', () => log('end ' + JSON.stringify(characters)));
  },
  pair_callbacks(log) {
    const [a, b] = duplexPair({ highWaterMark: 1 });
    watch(a, (e) => log('a ' + e), EV);
    watch(b, (e) => log('b ' + e), EV);
    log('write x ' + a.write('x', (e) => log('cb x ' + errText(e))));
    log('write y ' + a.write('y', (e) => log('cb y ' + errText(e))));
    a.end(() => log('a end cb'));
    b.end();
  },
  pair_object_mode(log) {
    const [a, b] = duplexPair({ objectMode: true });
    b.on('data', (o) => log('data n=' + o.n));
    a.write({ n: 1 });
    a.write({ n: 2 });
  },
  default_hwm(log) {
    log('defaults ' + stream.getDefaultHighWaterMark(false) + ' ' + stream.getDefaultHighWaterMark(true));
    stream.setDefaultHighWaterMark(false, 32 * 1000);
    stream.setDefaultHighWaterMark(true, 32);
    log('set ' + stream.getDefaultHighWaterMark(false) + ' ' + stream.getDefaultHighWaterMark(true));
    const t = new Transform({ transform() {} });
    log('w ' + new Writable({ write() {} }).writableHighWaterMark,
        'r ' + new Readable({ read() {} }).readableHighWaterMark,
        't ' + t.writableHighWaterMark + '/' + t.readableHighWaterMark,
        'objects ' + new Readable({ objectMode: true }).readableHighWaterMark,
        'explicit ' + new Readable({ highWaterMark: 3 }).readableHighWaterMark,
        'from ' + Readable.from([1]).readableHighWaterMark);
    stream.setDefaultHighWaterMark(false, 16384);
    stream.setDefaultHighWaterMark(true, 16);
    log('restored ' + new Readable().readableHighWaterMark + ' ' +
        new Readable({ objectMode: true }).readableHighWaterMark);
  },
  default_hwm_validation(log) {
    for (const [name, v] of [['-1', -1], ['1.5', 1.5], ['NaN', NaN], ['Infinity', Infinity],
                             ['string', '16'], ['nil', undefined], ['boolean', true],
                             ['2^53', 2 ** 53], ['2^53-1', 2 ** 53 - 1], ['0', 0]]) {
      try {
        stream.setDefaultHighWaterMark(false, v);
        log(name + ' ok ' + stream.getDefaultHighWaterMark(false));
      } catch (e) {
        log(name + ' ' + e.code + ' ' + stream.getDefaultHighWaterMark(false));
      }
    }
    stream.setDefaultHighWaterMark(false, 16384);
  },
  didread_read(log) { didRead(log, [null], (r) => r.read()); },
  didread_resume(log) { didRead(log, [null], (r) => r.resume()); },
  didread_destroy(log) { didRead(log, [null], (r) => r.destroy()); },
  didread_destroy_error(log) { didRead(log, [null], (r) => r.destroy(new Error('x'))); },
  didread_data(log) { didRead(log, ['data', null], (r) => r.on('data', () => {})); },
  didread_data_off(log) {
    const noop = () => {};
    didRead(log, ['data', null], (r) => {
      r.on('data', noop);
      r.off('data', noop);
      setImmediate(() => log('flowing ' + r.readableFlowing));
    });
  },
  predicates_other(log) {
    const w = new Writable({ write(c, e, cb) { cb(new Error('w')); } });
    w.on('error', () => log('w error errored=' + stream.isErrored(w) + ' disturbed=' + stream.isDisturbed(w)));
    log('w errored=' + stream.isErrored(w) + ' disturbed=' + stream.isDisturbed(w));
    w.write('a');
    const d = new Duplex({ read() {}, write(c, e, cb) { cb(); } });
    d.on('error', () => log('d error errored=' + stream.isErrored(d) + ' disturbed=' + stream.isDisturbed(d)));
    d.destroy(new Error('d'));
    log('nil ' + stream.isErrored(undefined) + ' ' + stream.isDisturbed(undefined) +
        ' table ' + stream.isErrored({}) + ' ' + stream.isDisturbed({}));
  },
});
