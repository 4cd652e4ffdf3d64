// Twin of spec/zlib/zlib_edges_spec.lua: reset() on a closed stream is
// Node's failed assert (ERR_INTERNAL_ASSERTION, first line of its message
// "zlib binding closed"; the rest blames Node.js itself), and a missing
// callback is reported as undefined. maxOutputLength's bound is Node 20's
// buffer.kMaxLength, 2^32.
// Run: node test/twins/zlib/zlib_edges.js
'use strict';
const zlib = require('zlib');

const out = (name, a) => console.log(name + '\t' + JSON.stringify(a.map(String)));

const g = zlib.createGzip();
g.close();
try { g.reset(); out('reset_closed', ['no error']); } catch (e) {
  out('reset_closed', [e.code, e.message.split('\n')[0]]);
}
try { zlib.gzip('x'); } catch (e) { out('no_callback', [e.code, e.message]); }
try { zlib.gzip('x', {}); } catch (e) { out('no_callback_opts', [e.code, e.message]); }
const maxOut = [];
for (const v of [2 ** 32, 2 ** 32 + 1, 0]) {
  try { zlib.createGunzip({ maxOutputLength: v }); maxOut.push('ok'); } catch (e) { maxOut.push(e.code, e.message); }
}
out('max_output_range', maxOut);
