"""The cheap text test that rejects most files before any parse: ``might_send``.

Every front end runs it first, so it lives apart from the detector: a run over a tree
where nothing imports a WebSocket library never imports the detector, the library
descriptions or the registry.

It asks, on the raw text, the detector's own first question (``detector.could_send``):
does the module import a library wscc describes, or hold a close message
(``"websocket.close"``)?  Any file the detector could find a send in passes; a file that
merely says ``json`` or ``channels`` in a comment does not.  Two regular expressions that
start with a literal (``from``, ``import``), so that the engine skips to each occurrence,
find the names import statements read: about 25 ms over Django's 885 files, where the
earlier gate's 33 substring searches (one per word) took 90 ms.

``IMPORT_ROOTS`` and ``MESSAGE_TYPES`` are written out here for that reason; a test fails
when they differ from the library descriptions (``libraries.BY_IMPORT``,
``messages.message_types()``).
"""

from __future__ import annotations

import re

#: The top-level import names of the libraries wscc describes (``Library.imports``).
IMPORT_ROOTS: frozenset[str] = frozenset((
    "SimpleWebSocketServer", "aiohttp", "aiosonic", "asgi_tools", "autobahn", "blacksheep", "bottle_websocket",
    "channels", "curl_cffi", "falcon", "fastapi", "flask_sock", "flask_sockets", "geventwebsocket", "granian",
    "httpx_ws", "js", "lilya", "litestar", "lomond", "muffin", "panther", "picows", "playwright", "pyscript",
    "pywebsocket3", "quart", "ravyn", "sanic", "simple_websocket", "socketify", "starlette", "tornado",
    "trio_websocket", "twisted", "websocket", "websocket_server", "websockets", "websockify", "ws4py", "wsproto",
))

#: The ``type`` of every message that sends a close code (``messages.message_types``).
MESSAGE_TYPES: tuple[str, ...] = ("websocket.close",)

# ``from a.b import c``: the first name after ``from`` (a relative import reads the
# project, never a library).  ``import a.b as c, d``: everything up to the end of the
# statement, backslash continuations included; every name in it is taken, a superset.
_FROM = r"from[ \t\f]+(?:\\\r?\n[ \t\f]*)*([A-Za-z_][A-Za-z_0-9]*)"
_IMPORT = r"import[ \t\f]+([^\r\n;#\\]*(?:\\(?:\r?\n)?[^\r\n;#\\]*)*)"
_NAME = r"[A-Za-z_][A-Za-z_0-9]*"

_FROM_STATEMENT, _IMPORT_STATEMENT, _NAME_PATTERN = re.compile(_FROM), re.compile(_IMPORT), re.compile(_NAME)


def might_send(source: str) -> bool:
    """Can this module contain a close-code send at all?"""
    for message in MESSAGE_TYPES:  # a loop, not any(): no generator for each of many files
        if message in source:
            return True
    if not IMPORT_ROOTS.isdisjoint(_FROM_STATEMENT.findall(source)):
        return True
    imports = _IMPORT_STATEMENT.findall(source)
    return bool(imports) and not IMPORT_ROOTS.isdisjoint(_NAME_PATTERN.findall(" ".join(imports)))

