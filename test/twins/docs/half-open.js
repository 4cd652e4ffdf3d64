// allowHalfOpen on sockets (docs/API.md, Real I/O). Case "late writer": the
// server answers and ends at once; the client's pipeline still writes for
// 250 ms. Case "late answer": the server answers 50 ms after the client's
// end. Each with the default (false) and with allowHalfOpen true on the side
// that writes late. Prints one line per run.
const net = require('net');
const { pipeline, Readable, Writable } = require('stream');

function lateWriter(half) {
  return new Promise((resolve) => {
    const server = net.createServer({ allowHalfOpen: true }, (s) => { s.resume(); s.end('answer'); });
    server.listen(0, '127.0.0.1', () => {
      const c = net.connect({ port: server.address().port, host: '127.0.0.1', allowHalfOpen: half }, () => {
        let got = '', n = 0;
        const src = new Readable({ read() { setTimeout(() => { n++; this.push(n <= 5 ? "hello" : null); }, 50); } });
        pipeline(src, c, new Writable({ write(d, e, cb) { got += d; cb(); } }), (err) => {
          console.log(`late writer, allowHalfOpen ${half}: ${err ? err.code : 'ok'} ${JSON.stringify(got)}`);
          server.close(resolve);
        });
      });
    });
  });
}

function lateAnswer(half) {
  return new Promise((resolve) => {
    const server = net.createServer({ allowHalfOpen: half }, (s) => {
      s.resume();
      setTimeout(() => s.end('answer'), 50);
    });
    server.listen(0, '127.0.0.1', () => {
      const c = net.connect({ port: server.address().port, host: '127.0.0.1' }, () => {
        c.end('hello');
        let got = '';
        c.on('data', (d) => { got += d; });
        c.on('close', () => {
          console.log(`late answer, allowHalfOpen ${half}: ${JSON.stringify(got)}`);
          server.close(resolve);
        });
      });
    });
  });
}

(async () => {
  await lateWriter(false); await lateWriter(true);
  await lateAnswer(false); await lateAnswer(true);
})();
