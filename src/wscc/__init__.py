"""wscc: lint and fix WebSocket close codes."""

__version__ = "0.1.0"
