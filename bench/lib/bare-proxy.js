'use strict';
// The floor a Node proxy can reach: node:http in, node:http out over a keep-alive agent,
// nothing else (no routing, no auth, no logs, no metrics). The gateway is measured against
// it. Run as `node bench/lib/bare-proxy.js UPSTREAM_URL`; prints `listening PORT`.

const http = require('node:http');

const upstream = new URL(process.argv[2]);
// As many sockets as the load has connections, kept open between requests: the same
// upstream pool size the gateway uses (appliances[].maxConcurrent, 32).
const agent = new http.Agent({ keepAlive: true, maxSockets: 32 });

const server = http.createServer((req, res) => {
  const headers = { ...req.headers, host: upstream.host };
  delete headers.connection;
  const outgoing = http.request(
    {
      host: upstream.hostname,
      port: upstream.port,
      method: req.method,
      path: req.url,
      headers,
      agent,
    },
    (answer) => {
      // Connection headers describe the upstream hop only (RFC 9110 section 7.6.1).
      const { connection, 'keep-alive': keepAlive, ...answerHeaders } = answer.headers;
      res.writeHead(answer.statusCode, answerHeaders);
      answer.pipe(res);
    },
  );
  outgoing.on('error', () => {
    if (!res.headersSent) res.writeHead(502);
    res.end();
  });
  req.pipe(outgoing);
});

server.keepAliveTimeout = 5000;
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`listening ${server.address().port}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
process.on('SIGINT', () => server.close(() => process.exit(0)));
