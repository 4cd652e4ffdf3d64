// Twin of spec/zlib/zlib_sync_spec.lua (test-zlib-truncated.js,
// -invalid-input.js, -dictionary.js, -dictionary-fail.js, -maxOutputLength.js
// and the constants): each error as { code, errno, message, tostring } with
// tostring spelled "Error [code]: message" (cstream's error __tostring).
// Run: node test/twins/zlib/zlib_sync.js
'use strict';
const zlib = require('zlib');

const out = (name, a) => console.log(name + '\t' + JSON.stringify(a.map(String)));
const err = (f, input, opts) => {
  try { f(input, opts); return ['no error']; } catch (e) {
    return [e.code, e.errno, e.message, `Error [${e.code}]: ${e.message}`];
  }
};

out('gunzip_garbage', err(zlib.gunzipSync, 'garbage data here'));
out('inflate_garbage', err(zlib.inflateSync, 'garbage data here'));
out('inflate_raw_garbage', err(zlib.inflateRawSync, 'garbage data here'));
out('inflate_raw_stored_lengths', err(zlib.inflateRawSync, Buffer.from([0, 5, 0, 0, 0])));
const text = Buffer.from('The quick brown fox jumps over the lazy dog. '.repeat(14).slice(0, 600));
[[zlib.gzipSync, zlib.gunzipSync], [zlib.gzipSync, zlib.unzipSync],
 [zlib.deflateSync, zlib.inflateSync], [zlib.deflateRawSync, zlib.inflateRawSync]].forEach(([c, d], i) => {
  const z = c(text);
  out('truncated_' + (i + 1), err(d, z.subarray(0, Math.floor(z.length / 2))));
});
out('gunzip_empty', err(zlib.gunzipSync, ''));
const dict = 'hello world and the rest of the dictionary';
const z = zlib.deflateSync('hello world, hello world', { dictionary: Buffer.from(dict) });
out('dict_missing', err(zlib.inflateSync, z).slice(0, 3));
out('dict_wrong', err(zlib.inflateSync, z, { dictionary: Buffer.from('another dictionary') }).slice(0, 3));
const big = zlib.gzipSync('x'.repeat(1000));
try { zlib.gunzipSync(big, { maxOutputLength: 64 }); } catch (e) { out('max_output_length', [e.code, e.message]); }
const K = zlib.constants;
out('flush_constants', [K.Z_NO_FLUSH, K.Z_PARTIAL_FLUSH, K.Z_SYNC_FLUSH, K.Z_FULL_FLUSH, K.Z_FINISH, K.Z_BLOCK]);
out('mode_constants', [K.DEFLATE, K.INFLATE, K.GZIP, K.GUNZIP, K.DEFLATERAW, K.INFLATERAW, K.UNZIP]);
