#!/usr/bin/env node
/* ws_client.js — a WebSocket client written with npm's `ws` (8.x), for
 * Duplex's interop tests.
 *
 *   node ws_client.js URL [--subprotocol NAME]
 *
 * Connects to URL (offering NAME, when given, and then requiring the server
 * to choose it), sends the text "ping from ws" and the binary 00 01 ff,
 * checks that both come back exactly, closes with 1000 and exits 0. On any
 * failure it exits 1 with the reason on stderr.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
'use strict';

let WebSocket;
try {
  WebSocket = require('ws');
} catch (error) {
  process.stderr.write('ws_client.js needs the npm package ws: run `npm ci` at the ' +
                       'root of the Duplex checkout\n');
  process.exit(1);
}

const TEXT = 'ping from ws';
const BINARY = Buffer.from([0x00, 0x01, 0xff]);
/* Only keeps a broken peer from hanging the test; nothing is timed. */
const LIMIT_MS = 60 * 1000;

const args = process.argv.slice(2);
let url = null;
let subprotocol = null;
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--subprotocol' && i + 1 < args.length)
    subprotocol = args[++i];
  else if (url === null)
    url = args[i];
  else
    fail(`unexpected argument ${args[i]}`);
}
if (url === null)
  fail('usage: ws_client.js URL [--subprotocol NAME]');

function fail (message) {
  process.stderr.write(`ws_client.js: ${url}: ${message}\n`);
  process.exit(1);
}

const timer = setTimeout(() => fail(`no answer within ${LIMIT_MS / 1000} s`), LIMIT_MS);
const socket = subprotocol ? new WebSocket(url, [subprotocol]) : new WebSocket(url);
const expected = [
  { data: Buffer.from(TEXT, 'utf8'), isBinary: false, label: `text '${TEXT}'` },
  { data: BINARY, isBinary: true, label: `binary ${BINARY.toString('hex')}` },
];
let done = false;

socket.on('unexpected-response', (request, response) => {
  fail(`server answered HTTP ${response.statusCode} ${response.statusMessage}`);
});

socket.on('error', (error) => fail(error.message));

socket.on('open', () => {
  if (subprotocol) {
    if (socket.protocol !== subprotocol)
      fail(`offered subprotocol ${subprotocol}, server chose '${socket.protocol}'`);
    process.stdout.write(`subprotocol ${socket.protocol}\n`);
  }
  socket.send(TEXT);
  socket.send(BINARY);
});

socket.on('message', (data, isBinary) => {
  const want = expected.shift();

  if (want === undefined)
    fail(`unexpected extra message ${data.toString('hex')}`);
  if (isBinary !== want.isBinary || !want.data.equals(data))
    fail(`sent ${want.label}, got back ${isBinary ? 'binary' : 'text'} ${data.toString('hex')}`);
  process.stdout.write(`echoed ${want.label}\n`);

  if (expected.length === 0) {
    done = true;
    socket.close(1000);
  }
});

socket.on('close', (code, reason) => {
  clearTimeout(timer);
  if (!done)
    fail(`closed by the server before both echoes: ${code} '${reason}'`);
  process.stdout.write(`closed ${code}\n`);
  process.exit(0);
});
