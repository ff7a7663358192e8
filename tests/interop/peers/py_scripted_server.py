#!/usr/bin/python3
"""A WebSocket server with scripted behaviour, written with python3-websockets
(10.4 on Debian 12), for the scenario runner's interop tests.

Listens on 127.0.0.1 on a free port, prints "PORT <n>" and serves /scripted:

  The handshake needs the header "X-Api-Key: k-123" (else 401) and the
  query parameter token=t-456 (else 403).
  On open it sends a greeting: {"type": "welcome", "session": "s-<n>",
  "server": "py_scripted_server"}.
  Then, for each message it receives:
    "binary please"            a binary frame with NUL and invalid UTF-8:
                               00 ff fe 44 58 00 c3 28
    "close me"                 closes with 4001 "asked to close"
    "noise"                    sends "noise 1", "noise 2", "noise 3", "done"
    {"type": "ping", "id": X}  answers {"type": "pong", "id": X}
    anything else              echoes it

Any other path is 404. It stops when its standard input closes, so it never
outlives the test that started it.

SPDX-License-Identifier: GPL-3.0-or-later
"""

import asyncio
import http
import itertools
import json
import sys
import urllib.parse

try:
    import websockets
except ImportError:
    sys.exit("py_scripted_server.py needs python3-websockets: apt-get install python3-websockets, "
             "and run it with /usr/bin/python3")

API_KEY = "k-123"
TOKEN = "t-456"
BINARY = bytes([0x00, 0xFF, 0xFE, 0x44, 0x58, 0x00, 0xC3, 0x28])
sessions = itertools.count(1)


def split_path(path):
    parsed = urllib.parse.urlsplit(path)
    return parsed.path, urllib.parse.parse_qs(parsed.query, keep_blank_values=True)


async def process_request(path, request_headers):
    route, query = split_path(path)
    if route != "/scripted":
        return http.HTTPStatus.NOT_FOUND, [], b"no such path\n"
    if request_headers.get_all("X-Api-Key") != [API_KEY]:
        return http.HTTPStatus.UNAUTHORIZED, [], b"send X-Api-Key\n"
    if query.get("token") != [TOKEN]:
        return http.HTTPStatus.FORBIDDEN, [], b"send ?token=\n"
    return None


async def answer(websocket, message):
    if message == "binary please":
        await websocket.send(BINARY)
    elif message == "close me":
        await websocket.close(4001, "asked to close")
    elif message == "noise":
        for i in range(1, 4):
            await websocket.send(f"noise {i}")
        await websocket.send("done")
    else:
        try:
            parsed = json.loads(message) if isinstance(message, str) else None
        except ValueError:
            parsed = None
        if isinstance(parsed, dict) and parsed.get("type") == "ping":
            await websocket.send(json.dumps({"type": "pong", "id": parsed.get("id")}))
        else:
            await websocket.send(message)


async def handler(websocket, path):
    await websocket.send(json.dumps({
        "type": "welcome",
        "session": f"s-{next(sessions)}",
        "server": "py_scripted_server",
    }))
    try:
        async for message in websocket:
            await answer(websocket, message)
    except websockets.ConnectionClosed:
        # How a client's close with a code other than 1000/1001 ends the
        # loop; not a failure of the server.
        pass


async def main():
    loop = asyncio.get_running_loop()
    async with websockets.serve(handler, "127.0.0.1", 0, process_request=process_request) as server:
        port = server.sockets[0].getsockname()[1]
        print(f"PORT {port}", flush=True)
        # Blocks a worker thread until the test closes our stdin (or dies).
        await loop.run_in_executor(None, sys.stdin.buffer.read)


if __name__ == "__main__":
    asyncio.run(main())
