"""Raw ASGI ``websocket.close`` messages: no import needed; the type also as a member of a
str-based enum (not of a plain one)."""

import enum

NORMAL = 1000


async def app(scope, receive, send):
    message = await receive()
    if message["type"] == "websocket.disconnect" and message["code"] == 1006:
        return
    await send({"type": "websocket.close", "code": 1006})  # expect: WSC101:52
    await send({"type": "websocket.close", "code": 1008, "reason": "policy"})  # expect: WSC202:52
    await send({"type": "websocket.close", "code": NORMAL})
    await send({"type": "websocket.close", "code": 4001})  # expect: WSC203:52
    await send({"type": "websocket.close", "code": 403})  # expect: WSC103:52
    await send({"type": "websocket.close", "code": "1000"})  # expect: WSC107:52
    await send({"type": "websocket.close"})
    await send({
        "type": "websocket.close",
        "code": 1015,  # expect: WSC101:17
        "reason": "multi-line",
    })
    await send({"type": "websocket.close", "code": 4000, "reason": "0123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123"})  # expect: WSC203:52, WSC106:68
    # Receive-side dict: a report of what arrived, not a send.
    disconnect = {"type": "websocket.disconnect", "code": 1006}
    await send({"type": "websocket.send", "text": "1006"})
    return disconnect


async def test_app(messages):
    # Expectations in a test compare against close messages; they send nothing.
    assert messages[-1] == {"type": "websocket.close", "code": 1006}
    assert {"type": "websocket.close", "code": 1011, "reason": ""} in messages
    if messages[0] != {"type": "websocket.close", "code": 4000}:
        return


class Event(str, enum.Enum):
    """A str-based enum: each member equals its string, as an ASGI server compares it."""

    CLOSE = "websocket.close"


class PlainEvent(enum.Enum):
    CLOSE = "websocket.close"  # not equal to the string: no close message


async def enum_typed(scope, receive, send):
    await send({"type": Event.CLOSE, "code": 1006})  # expect: WSC101:46
    await send({"type": PlainEvent.CLOSE, "code": 1006})
