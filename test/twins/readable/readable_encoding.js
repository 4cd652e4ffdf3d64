// Twin of spec/readable_encoding_spec.lua (test-stream2-set-encoding,
// test-stream-readable-setEncoding-existing-buffers, -setEncoding-null, and
// the spec's own checks of decoding and of push(str, encoding)): one case per
// `it`, printed as `case<TAB>JSON array`. A chunk is logged as the spec logs
// it: hex(c) is the hex of the UTF-8 bytes of the string node delivered (how
// cstream hands the string to Lua, API.md section 2); a null readableFlowing
// is "nil", Lua's name for it. Each case starts from a timer, as a busted
// body starts outside any tick. Run: node test/twins/readable/readable_encoding.js
'use strict';
const { Readable } = require('stream');
const { runTimedArray } = require('../duplex/common');

const hex = (c) => Buffer.from(c, 'utf8').toString('hex');
const b = (...bytes) => Buffer.from(bytes);
const cases = {};

// Node's TestReader from test-stream2-set-encoding.
class TestReader extends Readable {
  constructor(n, opts) {
    super(opts);
    this.pos = 0;
    this.len = n || 100;
  }
  _read(n) {
    setTimeout(() => {
      if (this.pos >= this.len) {
        this.push(null);
        return this.push(null);
      }
      n = Math.min(n, this.len - this.pos);
      if (n <= 0) {
        this.push(null);
        return this.push(null);
      }
      this.pos += n;
      return this.push(Buffer.alloc(n, 'a'));
    }, 1);
  }
}

for (const how of ['setEncoding', 'option']) {
  for (const [enc, size] of [['utf8', 10], ['hex', 10], ['hex', 13], ['base64', 10]]) {
    cases[how + '_' + enc + '_' + size] = (log) => {
      let tr;
      if (how === 'setEncoding') {
        tr = new TestReader(100);
        tr.setEncoding(enc);
      } else {
        tr = new TestReader(100, { encoding: enc });
      }
      tr.on('readable', () => {
        let chunk;
        while ((chunk = tr.read(size)) !== null) log.push(chunk);
      });
      tr.on('end', () => log.push('end'));
      tr.on('error', (e) => log.push('error:' + e.code));
    };
  }
}

cases.existing_ab = (log) => {
  const r = new Readable({ read() {} });
  r.push(Buffer.from('a'));
  r.push(Buffer.from('b'));
  r.setEncoding('utf8');
  r.on('data', (c) => log.push(c));
  process.nextTick(() => log.push('tick'));
};
cases.existing_whole_char = (log) => {
  const r = new Readable({ read() {} });
  for (const x of [0xf0, 0x9f, 0x8e, 0x89]) r.push(b(x));
  r.setEncoding('utf8');
  r.on('data', (c) => log.push(hex(c)));
  process.nextTick(() => log.push('tick'));
};
cases.existing_char_finished_later = (log) => {
  const r = new Readable({ read() {} });
  r.push(b(0xf0));
  r.push(b(0x9f));
  r.setEncoding('utf8');
  r.push(b(0x8e));
  r.push(b(0x89));
  r.on('data', (c) => log.push(hex(c)));
  process.nextTick(() => log.push('tick'));
};
cases.existing_half_read = (log) => {
  const chunks = [b(0xf0, 0x9f), b(0x8e, 0x89)];
  // Lua's table.remove gives nil once the list is empty: push(null).
  const r = new Readable({ read() { this.push(chunks.length ? chunks.shift() : null); } });
  r.read(0);
  log.push(r.readableFlowing === null ? 'nil' : String(r.readableFlowing), r.readableLength);
  r.setEncoding('utf8');
  r.on('data', (c) => log.push(hex(c)));
  r.on('end', () => log.push('end'));
  process.nextTick(() => log.push('tick'));
};
cases.existing_after_eof = (log) => {
  const r = new Readable({ read() {} });
  r.push(b(0xf0));
  r.push(b(0x9f));
  r.push(null);
  r.setEncoding('utf8');
  r.on('data', (c) => log.push(hex(c)));
  r.on('end', () => log.push('end'));
  process.nextTick(() => log.push('tick'));
};

cases.set_encoding_null = (log) => {
  const r = new Readable({ encoding: 'hex' });
  log.push(r.readableEncoding);
  r.setEncoding(null);
  log.push(r.readableEncoding);
};
cases.aliases = (log) => {
  for (const e of ['utf8', 'utf-8', 'UTF8', 'hex', 'base64', 'latin1', 'binary', 'ascii',
                   'utf16le', 'ucs2', 'ucs-2', 'utf-16le']) {
    const r = new Readable({ read() {} });
    r.setEncoding(e);
    log.push(r.readableEncoding);
  }
};

const decode = (enc, pieces) => (log) => {
  const r = new Readable({ read() {} });
  r.setEncoding(enc);
  r.on('data', (c) => log.push(hex(c)));
  for (const p of pieces) r.push(p);
  r.push(null);
  r.on('end', () => log.push('end'));
};
cases.decode_latin1 = decode('latin1', [b(0x41, 0xe9, 0xff)]);
cases.decode_ascii = decode('ascii', [b(0x41, 0xe9, 0xff)]);
cases.decode_hex = decode('hex', [b(0x01, 0xff), b(0xab)]);
cases.decode_utf16le = decode('utf16le', [Buffer.from('a\0b\0', 'latin1')]);
cases.decode_utf16le_pair = decode('utf16le', [b(0x61, 0, 0x3d, 0xd8), b(0x0e, 0xde, 0x62, 0)]);
cases.decode_utf16le_split_unit = decode('utf16le', [b(0x61), b(0, 0x62), b(0)]);
cases.decode_utf16le_odd_byte = decode('utf16le', [b(0x61, 0, 0x62)]);
cases.decode_utf8_split = decode('utf8', [b(0xe2), b(0x82), b(0xac, 0x41)]);
cases.decode_utf8_invalid = decode('utf8', [b(0x61, 0xff, 0x62, 0xc3)]);
cases.decode_utf8_lone = decode('utf8', [b(0x80, 0x41)]);
cases.decode_base64_bytes = decode('base64', [b(0x61), b(0x62), b(0x63), b(0x64)]);
cases.decode_base64_tail = decode('base64', [Buffer.from('abcd')]);

const pushed = (enc, str) => (log) => {
  const r = new Readable({ read() {} });
  r.on('data', (c) => log.push(hex(c)));
  r.push(str, enc);
};
cases.push_hex = pushed('hex', '616263');
cases.push_base64 = pushed('base64', 'YWJj');
cases.push_latin1 = pushed('latin1', 'a\u00e9');
cases.push_utf16le = pushed('utf16le', 'ab');
cases.push_utf8 = pushed('utf8', 'a\u00e9');
cases.push_ascii = pushed('ascii', 'az');
cases.push_into_encoded = (log) => {
  const r = new Readable({ read() {}, encoding: 'utf8' });
  r.on('data', (c) => log.push(c));
  r.push('616263', 'hex');
  r.push('YWJj', 'base64');
  r.push('plain');
};

cases.hwm_counts_text = (log) => {
  const r = new Readable({ read() {}, encoding: 'utf8', highWaterMark: 4 });
  log.push(r.push('ab'), r.readableLength, r.push('cd'), r.readableLength);
};
cases.data_is_string = (log) => {
  const r = new Readable({ read() {}, encoding: 'hex' });
  r.on('data', (c) => log.push(typeof c, c));
  r.push(Buffer.from('ab'));
  r.push(null);
};

runTimedArray(cases, 150);
