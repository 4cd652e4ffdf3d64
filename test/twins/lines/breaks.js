// Twin of spec/lines_spec.lua (where lines break) and test/test_lines.c:
// each case's chunks written, one by one, into a PassThrough read by
// readline.createInterface; prints `name<TAB>JSON array of the lines`.
'use strict';
const { PassThrough } = require('stream');
const readline = require('readline');

const cases = [
  ['lf', ['a\nb\n']],
  ['no_final_break', ['a\nb']],
  ['crlf', ['a\r\nb\r\n']],
  ['lone_cr', ['a\rb\rc']],
  ['empty_lines', ['\n\na\n\n']],
  ['cr_then_crlf', ['a\r\r\nb']],
  ['crlf_split', ['a\r', '\nb\r', '\n']],
  ['cr_at_end', ['a\r']],
  ['cr_split_then_cr', ['a\r', '\rb']],
  ['cr_split_then_text', ['a\r', 'b']],
  ['lf_split_alone', ['a', '\n', 'b']],
  ['line_across_chunks', ['ab', 'cd', 'ef\ngh', 'ij']],
  ['only_break', ['\n']],
  ['only_cr', ['\r']],
  ['crlf_crlf', ['\r\n\r\n']],
  ['lfcr', ['a\n\rb']],
  ['utf8_split', [Buffer.from([0x61, 0xc3]), Buffer.from([0xa9, 0x0a, 0x62])]],
  ['nothing', []],
  // readline never sees an empty chunk (a PassThrough drops it): one between
  // the "\r" and the "\n" keeps them one break.
  ['empty_chunk_in_crlf', ['a\r', '', '\nb']],
  // The chunks of the spec's pipeline into stream.lines() and of r:lines().
  ['pipes', ['one\ntw', 'o\r\nthree']],
  ['lines_iter', ['a\nb', 'c\r', '\nd']],
];

(async () => {
  for (const [name, chunks] of cases) {
    const input = new PassThrough();
    const rl = readline.createInterface({ input });
    const lines = [];
    rl.on('line', (l) => lines.push(l));
    const closed = new Promise((r) => rl.on('close', r));
    for (const c of chunks) {
      input.write(c);
      await new Promise(setImmediate);
    }
    input.end();
    await closed;
    console.log(name + '\t' + JSON.stringify(lines));
  }
})();
