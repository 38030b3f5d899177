"""A raw ASGI bridge used in tests: no framework, just messages."""

GOING_AWAY = 1001


async def bridge(scope, receive, send):
    if scope["type"] != "websocket":
        return
    await send({"type": "websocket.accept"})
    message = await receive()
    if message["type"] == "websocket.disconnect":
        return
    await send({"type": "websocket.close", "code": GOING_AWAY})
