"""Test clients and synthesised received events send nothing: starlette's TestClient
session (often a fixture named ``websocket``), wsproto events built as expectations or
fed in as received, litestar's WebSocketDisconnect as a mock's side effect."""

from unittest import mock

import pytest
from litestar.exceptions import WebSocketDisconnect
from starlette.testclient import TestClient
from wsproto import ConnectionType, WSConnection
from wsproto.events import CloseConnection


@pytest.fixture
def websocket(client: TestClient):
    with client.websocket_connect("/ws") as websocket:
        yield websocket


def test_client_closes(websocket):
    websocket.close(1006)
    websocket.close(code=4001)


def test_session(client: TestClient):
    with client.websocket_connect("/ws") as session:
        session.close(1006)


def test_events():
    conn = WSConnection(ConnectionType.CLIENT)
    assert list(conn.events()) == [CloseConnection(code=1006)]
    expected = CloseConnection(code=1006, reason="")
    assert next(conn.events()) == expected
    handle(CloseConnection(code=1006))
    conn.send(CloseConnection(code=1006))  # expect: WSC101:36


def test_disconnect_side_effect(socket):
    socket.receive_data = mock.AsyncMock(side_effect=WebSocketDisconnect(code=1006))
    with pytest.raises(WebSocketDisconnect):
        raise WebSocketDisconnect(code=1006)  # expect: WSC101:40


def handle(event):
    return event
