#!/usr/bin/env python
# A header comment.
"""Module docstring."""

from __future__ import annotations

import simple_websocket
from wsproto.frame_protocol import CloseReason


def serve(environ):
    ws = simple_websocket.Server(environ)
    ws.close(CloseReason.NORMAL_CLOSURE)
