"""The cheap text test that rejects most files before any parse: ``might_send``.

Every front end runs it first, so it lives apart from the detector: a run over a tree
where nothing mentions a WebSocket library never imports the detector, the library
descriptions or the registry (about 30 ms of a 0.15 s run on Django).

``GATE_WORDS`` is written out here for that reason, and is derived from the library
descriptions by ``derive_gate_words``; a test fails when the two differ.
"""

from __future__ import annotations

import re
from typing import Iterable

#: A file can contain a close-code send only if it mentions one of these: a library's
#: import root, or ``websocket`` for ASGI messages.
GATE_WORDS: tuple[str, ...] = (
    "SimpleWebSocketServer", "aiohttp", "aiosonic", "asgi_tools", "autobahn", "blacksheep", "channels",
    "curl_cffi", "falcon", "fastapi", "flask_sock", "granian", "httpx_ws", "js", "lilya", "litestar",
    "lomond", "muffin", "panther", "picows", "playwright", "pyscript", "quart", "ravyn", "sanic",
    "socketify", "starlette", "tornado", "twisted", "websocket", "websockify", "ws4py", "wsproto",
)

_whole_words: dict[str, re.Pattern] = {}


def might_send(source: str) -> bool:
    """Can ``source`` contain a close-code send at all?  One substring search per word (about
    40 % faster than a regular-expression alternation); a library root then counts only as
    a whole word, as an import spells it, so ``quarter`` does not open the gate for ``quart``."""
    for word in GATE_WORDS:
        if word in source:
            if word == "websocket":
                return True
            whole = _whole_words.get(word)
            if whole is None:
                whole = _whole_words[word] = re.compile(rf"\b{re.escape(word)}\b")
            if whole.search(source):
                return True
    return False


def derive_gate_words(import_roots: Iterable[str]) -> tuple[str, ...]:
    """The gate words for these library import roots: a word that contains another
    (``websockets``, ``trio_websocket`` contain ``websocket``) adds nothing and is dropped."""
    words = set(import_roots) | {"websocket"}
    return tuple(sorted(w for w in words if not any(o != w and o in w for o in words)))
