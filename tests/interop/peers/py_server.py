#!/usr/bin/python3
"""A WebSocket server written with python3-websockets (10.4 on Debian 12),
for Duplex's interop tests.

Listens on 127.0.0.1 on a free port, prints "PORT <n>" and serves:

  /echo    echoes text and binary messages as they came
  /greet   sends "hello from python" on open, then echoes
  /close   closes at once with 4001 "bye"
  /auth    rejects the handshake with 401 unless the request has the header
           "X-Token: secret" and the query parameter key=42; then sends a
           JSON object with what it saw and echoes

Subprotocols "chat" and "superchat" are accepted. Any other path is 404.
It stops when its standard input closes, so it never outlives the test that
started it.

SPDX-License-Identifier: GPL-3.0-or-later
"""

import asyncio
import http
import json
import sys
import urllib.parse

try:
    import websockets
except ImportError:
    sys.exit("py_server.py needs python3-websockets: apt-get install python3-websockets, "
             "and run it with /usr/bin/python3")

PATHS = ("/echo", "/greet", "/close", "/auth")
GREETING = "hello from python"


def split_path(path):
    parsed = urllib.parse.urlsplit(path)
    return parsed.path, urllib.parse.parse_qs(parsed.query, keep_blank_values=True)


async def process_request(path, request_headers):
    route, query = split_path(path)
    if route not in PATHS:
        return http.HTTPStatus.NOT_FOUND, [], b"no such path\n"
    if route == "/auth":
        if (request_headers.get_all("X-Token") != ["secret"]
                or query.get("key") != ["42"]):
            return (http.HTTPStatus.UNAUTHORIZED,
                    [("WWW-Authenticate", "Token")],
                    b"send X-Token: secret and ?key=42\n")
    return None


async def echo(websocket):
    try:
        async for message in websocket:
            await websocket.send(message)
    except websockets.ConnectionClosed:
        # A close with a code other than 1000/1001 ends the loop this way;
        # it is how the tests close, not a failure of the server.
        pass


async def handler(websocket, path):
    route, query = split_path(path)
    if route == "/close":
        await websocket.close(4001, "bye")
        return
    if route == "/greet":
        await websocket.send(GREETING)
    elif route == "/auth":
        await websocket.send(json.dumps({
            "path": route,
            "query": query,
            "x_token": websocket.request_headers.get_all("X-Token"),
            "subprotocol": websocket.subprotocol,
        }))
    await echo(websocket)


async def main():
    loop = asyncio.get_running_loop()
    async with websockets.serve(handler, "127.0.0.1", 0,
                                process_request=process_request,
                                subprotocols=["chat", "superchat"]) as server:
        port = server.sockets[0].getsockname()[1]
        print(f"PORT {port}", flush=True)
        # Blocks a worker thread until the test closes our stdin (or dies).
        await loop.run_in_executor(None, sys.stdin.buffer.read)


if __name__ == "__main__":
    asyncio.run(main())
