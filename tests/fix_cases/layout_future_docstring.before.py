#!/usr/bin/env python
# A header comment.
"""Module docstring."""

from __future__ import annotations

import simple_websocket


def serve(environ):
    ws = simple_websocket.Server(environ)
    ws.close(1000)
