#!/usr/bin/python3
"""A WebSocket relay written with python3-websockets (10.4 on Debian 12),
for duplex-cli's --jobs test.

Listens on 127.0.0.1 on a free port, prints "PORT <n>" and relays: every
text message a client sends on /ROOM goes to every other client of ROOM,
those connected later included (they get what was said before they came).

Two sessions that each send a greeting and expect the other's can then
both pass only if they are connected at the same time: with --jobs 2 they
are; run one after the other, the first waits for a greeting that comes
only after it has given up. That proves concurrency without timing.

Runs until its stdin is closed.

SPDX-License-Identifier: GPL-3.0-or-later
"""

import asyncio
import collections
import sys

try:
    import websockets
except ImportError:
    sys.exit("relay-server.py needs python3-websockets: apt-get install python3-websockets, "
             "and run it with /usr/bin/python3")

# room → [(sender, text)] said so far, and room → clients connected
said = collections.defaultdict(list)
clients = collections.defaultdict(set)


async def handler(websocket, path):
    room = path
    clients[room].add(websocket)
    try:
        for sender, text in list(said[room]):
            if sender is not websocket:
                await websocket.send(text)
        async for text in websocket:
            said[room].append((websocket, text))
            for other in list(clients[room]):
                if other is not websocket:
                    try:
                        await other.send(text)
                    except websockets.ConnectionClosed:
                        pass
    except websockets.ConnectionClosed:
        # A scenario that ends closes its connection: not a failure here.
        pass
    finally:
        clients[room].discard(websocket)


async def main():
    loop = asyncio.get_running_loop()
    async with websockets.serve(handler, "127.0.0.1", 0) as server:
        port = server.sockets[0].getsockname()[1]
        print(f"PORT {port}", flush=True)
        # Blocks a worker thread until the test closes our stdin (or dies).
        await loop.run_in_executor(None, sys.stdin.buffer.read)


asyncio.run(main())
