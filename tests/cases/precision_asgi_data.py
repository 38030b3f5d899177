"""Raw ASGI close messages are sends only where they reach a send callable (or are
returned or yielded to one); written as test data they send nothing."""

from typing import cast
from unittest import mock

import pytest

WebsocketCloseEvent = dict
EXPECTED = [{"type": "websocket.accept"}, {"type": "websocket.close", "code": 4401}]


async def app(scope, receive, send):
    await send({"type": "websocket.close", "code": 1006})  # expect: WSC101:52
    message = {"type": "websocket.close", "code": 1015}  # expect: WSC101:51
    await send(message)


async def typed(send):
    await send(cast(WebsocketCloseEvent, {"type": "websocket.close", "code": 1006}))  # expect: WSC101:78


def close_message(reason):
    return {"type": "websocket.close", "code": 1005, "reason": reason}  # expect: WSC101:48


async def messages():
    yield {"type": "websocket.close", "code": 1006}  # expect: WSC101:47


class AppTests:
    def test_sent(self, sent):
        self.assertEqual(sent, [{"type": "websocket.close", "code": 1006}])
        self.assertIn({"type": "websocket.close", "code": 1006}, sent)
        assert sent == ({"type": "websocket.close", "code": 1011},)

    async def test_mock(self):
        send = mock.AsyncMock()
        await app({}, None, send)
        send.assert_awaited_once_with({"type": "websocket.close", "code": 1006})
        send.assert_has_awaits([mock.call({"type": "websocket.close", "code": 1006})])


@pytest.mark.parametrize("message", [
    {"type": "websocket.close", "code": 1006},
    {"type": "websocket.close", "code": 4000},
])
def test_close_messages(message):
    expected = {"type": "websocket.close", "code": 1006}
    assert message == expected
