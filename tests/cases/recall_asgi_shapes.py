"""Raw ASGI close messages in other shapes: dict(), an item set on a close message, a
copy of one with another code."""


async def app(scope, receive, send):
    await send(dict(type="websocket.close", code=1006))  # expect: WSC101:50
    message = {"type": "websocket.close"}
    message["code"] = 1015  # expect: WSC101:23
    await send(message)


def middleware(app):
    async def wrapped(scope, receive, send):
        async def send_wrapper(message):
            if message["type"] == "websocket.close":
                message = {**message, "code": 1011}  # expect: WSC202:47
            await send(message)

        await app(scope, receive, send_wrapper)

    return wrapped


async def replay(send, original):
    await send({**original, "code": 1006})  # original: not known to be a close message
