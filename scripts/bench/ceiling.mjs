#!/usr/bin/env node
/**
 * The benchmark's ceiling: a bare `node:http` server that answers every request with the same
 * small JSON body. It measures what this machine, Node's HTTP stack and the load generator can do
 * with no framework, routing, validation or database at all, so the app's numbers can be read as
 * a share of it. `scripts/bench.mjs` runs it as its own process (never in the load generator's
 * event loop).
 *
 *   PORT=4100 node scripts/bench/ceiling.mjs      (CEILING_BYTES sets the body size, default 512)
 */
import http from 'node:http';

const port = Number(process.env.PORT ?? 0);
const size = Math.max(32, Number(process.env.CEILING_BYTES ?? 512));

// {"ok":true,"pad":"xxxx…"} padded to `size` bytes: about the size of a typical API answer
const head = '{"ok":true,"server":"ceiling","pad":"';
const tail = '"}';
const body = Buffer.from(head + 'x'.repeat(Math.max(0, size - head.length - tail.length)) + tail);
const headers = {
  'content-type': 'application/json; charset=utf-8',
  'content-length': String(body.length),
};

const server = http.createServer((req, res) => {
  // drain any request body (POSTs) before answering, as a real handler would
  req.resume();
  res.writeHead(200, headers);
  res.end(body);
});
server.keepAliveTimeout = 65_000;

server.listen(port, '127.0.0.1', () => {
  const { port: actual } = server.address();
  console.log(`ceiling listening on http://127.0.0.1:${actual} (${body.length}-byte body)`);
});

const stop = () => {
  server.close(() => process.exit(0));
  server.closeAllConnections();
  setTimeout(() => process.exit(0), 2000).unref();
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
