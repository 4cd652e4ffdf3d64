// Twin of spec/lines_spec.lua "readline's breaks" and test/test_lines.c:
// each case's chunks written, one by one, into a PassThrough read by
// readline.createInterface; prints `name<TAB>JSON array of the lines`.
'use strict';
const { PassThrough } = require('stream');
const readline = require('readline');

const cases = [
  ['lf', ['a\nb\n']],
  ['no-final-break', ['a\nb']],
  ['crlf', ['a\r\nb\r\n']],
  ['lone-cr', ['a\rb\rc']],
  ['empty-lines', ['\n\na\n\n']],
  ['cr-then-crlf', ['a\r\r\nb']],
  ['crlf-split', ['a\r', '\nb\r', '\n']],
  ['cr-at-end', ['a\r']],
  ['cr-split-then-cr', ['a\r', '\rb']],
  ['cr-split-then-text', ['a\r', 'b']],
  ['lf-split-alone', ['a', '\n', 'b']],
  ['line-across-chunks', ['ab', 'cd', 'ef\ngh', 'ij']],
  ['only-break', ['\n']],
  ['only-cr', ['\r']],
  ['crlf-crlf', ['\r\n\r\n']],
  ['lfcr', ['a\n\rb']],
  ['utf8-split', [Buffer.from([0x61, 0xc3]), Buffer.from([0xa9, 0x0a, 0x62])]],
  ['nothing', []],
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
