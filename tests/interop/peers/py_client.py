#!/usr/bin/python3
"""A WebSocket client written with python3-websockets (10.4 on Debian 12),
for Duplex's interop tests.

  py_client.py URL [--subprotocol NAME]

Connects to URL (offering NAME, when given, and then requiring the server
to choose it), sends the text "ping from python" and the binary
b"\\x00\\x01\\xff", checks that both come back exactly, closes with 1000 and
exits 0. On any failure it exits 1 with the reason on stderr.

SPDX-License-Identifier: GPL-3.0-or-later
"""

import argparse
import asyncio
import sys

try:
    import websockets
except ImportError:
    sys.exit("py_client.py needs python3-websockets: apt-get install python3-websockets, "
             "and run it with /usr/bin/python3")

TEXT = "ping from python"
BINARY = b"\x00\x01\xff"
# Only keeps a broken peer from hanging the test; nothing is timed.
LIMIT_S = 60


class Mismatch(Exception):
    pass


async def expect_echo(websocket, sent):
    received = await websocket.recv()
    if type(received) is not type(sent) or received != sent:
        raise Mismatch(f"sent {sent!r}, got back {received!r}")
    kind = "text" if isinstance(sent, str) else "binary"
    print(f"echoed {kind} {sent!r}", flush=True)


async def run(url, subprotocol):
    protocols = [subprotocol] if subprotocol else None
    async with websockets.connect(url, subprotocols=protocols) as websocket:
        if subprotocol:
            if websocket.subprotocol != subprotocol:
                raise Mismatch(f"offered subprotocol {subprotocol!r}, "
                               f"server chose {websocket.subprotocol!r}")
            print(f"subprotocol {websocket.subprotocol}", flush=True)
        await websocket.send(TEXT)
        await expect_echo(websocket, TEXT)
        await websocket.send(BINARY)
        await expect_echo(websocket, BINARY)
        await websocket.close(1000)
        print(f"closed {websocket.close_code}", flush=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("url")
    parser.add_argument("--subprotocol")
    args = parser.parse_args()

    try:
        asyncio.run(asyncio.wait_for(run(args.url, args.subprotocol), LIMIT_S))
    except asyncio.TimeoutError:
        print(f"py_client.py: no answer from {args.url} within {LIMIT_S} s", file=sys.stderr)
        return 1
    except (Mismatch, OSError, websockets.WebSocketException) as error:
        print(f"py_client.py: {args.url}: {type(error).__name__}: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
