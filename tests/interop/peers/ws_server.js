#!/usr/bin/env node
/* ws_server.js — a WebSocket server written with npm's `ws` (8.x), for
 * Duplex's interop tests.
 *
 * Listens on 127.0.0.1 on a free port, prints "PORT <n>" and serves:
 *
 *   /echo    echoes text and binary messages as they came
 *   /greet   sends "hello from ws" on open, then echoes
 *   /close   closes at once with 4001 "bye"
 *
 * Of the subprotocols a client offers it picks "chat", and none otherwise.
 * Any other path is 404. It stops when its standard input ends, so it never
 * outlives the test that started it.
 *
 * `ws` is found in node_modules at the repository root: run `npm ci` there.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
'use strict';

let WebSocketServer;
try {
  ({ WebSocketServer } = require('ws'));
} catch (error) {
  process.stderr.write('ws_server.js needs the npm package ws: run `npm ci` at the ' +
                       'root of the Duplex checkout\n');
  process.exit(1);
}

const PATHS = new Set(['/echo', '/greet', '/close']);
const GREETING = 'hello from ws';

function routeOf (request) {
  return new URL(request.url, 'ws://localhost').pathname;
}

const server = new WebSocketServer({
  host: '127.0.0.1',
  port: 0,
  verifyClient: (info, done) => {
    if (PATHS.has(routeOf(info.req)))
      done(true);
    else
      done(false, 404, 'No such path');
  },
  handleProtocols: (protocols) => protocols.has('chat') ? 'chat' : false,
});

server.on('listening', () => {
  process.stdout.write(`PORT ${server.address().port}\n`);
});

server.on('connection', (socket, request) => {
  const route = routeOf(request);

  if (route === '/close') {
    socket.close(4001, 'bye');
    return;
  }

  socket.on('message', (data, isBinary) => {
    socket.send(data, { binary: isBinary });
  });

  if (route === '/greet')
    socket.send(GREETING);
});

server.on('error', (error) => {
  process.stderr.write(`ws_server.js: ${error.message}\n`);
  process.exit(1);
});

process.stdin.on('end', () => {
  for (const client of server.clients)
    client.terminate();
  server.close(() => process.exit(0));
});
process.stdin.resume();
