"""Shared helpers for the reliability tests: handler templates for every library,
runners for the three front ends, and the "only the intended edits" check."""

from __future__ import annotations

import ast
import difflib
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

# ----------------------------------------------------------------------------- handler templates

#: One small handler module per library; ``{code}`` is where the close code expression goes.
#: Each is a shape the detector must recognise (checked in test_fuzz), so that code
#: spliced into it really goes through the send-finding and judging path.
HANDLER_TEMPLATES: dict[str, str] = {
    "websockets": (
        "import websockets\n\n\n"
        "async def handler(websocket: websockets.ServerConnection) -> None:\n"
        "    await websocket.close({code})\n"
    ),
    "aiohttp": (
        "from aiohttp import web\n\n\n"
        "async def handler(request: web.Request) -> web.WebSocketResponse:\n"
        "    ws = web.WebSocketResponse()\n"
        "    await ws.prepare(request)\n"
        "    await ws.close(code={code})\n"
        "    return ws\n"
    ),
    "starlette": (
        "from starlette.websockets import WebSocket\n\n\n"
        "async def endpoint(websocket: WebSocket) -> None:\n"
        "    await websocket.accept()\n"
        "    await websocket.close({code})\n"
    ),
    "fastapi": (
        "from fastapi import FastAPI, WebSocket\n\n"
        "app = FastAPI()\n\n\n"
        "@app.websocket('/ws')\n"
        "async def endpoint(websocket: WebSocket) -> None:\n"
        "    await websocket.close(code={code})\n"
    ),
    "wsproto": (
        "from wsproto.events import CloseConnection\n\n\n"
        "def close_frame(connection):\n"
        "    return connection.send(CloseConnection({code}))\n"
    ),
    "websocket_client": (
        "import websocket\n\n\n"
        "def run(url: str) -> None:\n"
        "    ws = websocket.create_connection(url)\n"
        "    ws.close(status={code})\n"
    ),
    "tornado": (
        "from tornado.websocket import WebSocketHandler\n\n\n"
        "class Handler(WebSocketHandler):\n"
        "    def on_message(self, message):\n"
        "        self.close({code})\n"
    ),
    "autobahn": (
        "from autobahn.asyncio.websocket import WebSocketServerProtocol\n\n\n"
        "class Protocol(WebSocketServerProtocol):\n"
        "    def onMessage(self, payload, isBinary):\n"
        "        self.sendClose({code})\n"
    ),
    "litestar": (
        "from litestar import WebSocket\n\n\n"
        "async def handler(socket: WebSocket) -> None:\n"
        "    await socket.close(code={code})\n"
    ),
    "channels": (
        "from channels.generic.websocket import WebsocketConsumer\n\n\n"
        "class Consumer(WebsocketConsumer):\n"
        "    def receive(self, text_data=None, bytes_data=None):\n"
        "        self.close(code={code})\n"
    ),
    "asgi": (
        "async def app(scope, receive, send):\n"
        "    await send({{'type': 'websocket.close', 'code': {code}}})\n"
    ),
}

# ----------------------------------------------------------------------------- front ends


@dataclass
class Result:
    returncode: int
    stdout: str
    stderr: str
    raw_stdout: bytes = b""

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


def _permission_bits_prefix() -> list[str] | None:
    """A command prefix under which permission bits bind: nothing for an ordinary user; for
    root, ``setpriv`` dropping the capabilities that let root ignore them; ``None`` when
    neither is possible (tests that need permission bits skip)."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return []
    import shutil

    if shutil.which("setpriv") is None:
        return None
    caps = "-dac_override,-dac_read_search"
    prefix = ["setpriv", f"--inh-caps={caps}", f"--bounding-set={caps}"]
    import tempfile

    with tempfile.NamedTemporaryFile() as read_only:
        os.chmod(read_only.name, 0o444)
        probe = subprocess.run([*prefix, sys.executable, "-c", "import os, sys; print(os.access(sys.argv[1], os.W_OK))",
                                read_only.name], capture_output=True, text=True)
    return prefix if probe.returncode == 0 and probe.stdout.strip() == "False" else None


#: See ``_permission_bits_prefix``; prepend to a front end's command line.
PERMISSION_BITS_PREFIX = _permission_bits_prefix()


def run_process(argv: Sequence[str], cwd: str | os.PathLike, stdin: bytes | None = None,
                timeout: float = 120, bind_permissions: bool = False) -> Result:
    if bind_permissions:
        assert PERMISSION_BITS_PREFIX is not None
        argv = [*PERMISSION_BITS_PREFIX, *argv]
    completed = subprocess.run(
        list(argv), cwd=cwd, input=stdin if stdin is not None else b"",
        capture_output=True, timeout=timeout,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1", "PYTHONIOENCODING": "utf-8"},
    )
    return Result(completed.returncode, completed.stdout.decode("utf-8", "replace"),
                  completed.stderr.decode("utf-8", "replace"), completed.stdout)


def _entry(module: str) -> list[str]:
    # Through the module's main() rather than the console script, so the test runs the
    # checkout's code even when the installed scripts are stale.
    return [sys.executable, "-c", f"import sys; from {module} import main; sys.exit(main())"]


def run_flake8(args: Sequence[str], cwd, stdin: bytes | None = None, **options) -> Result:
    # E9 too: flake8's own report for files it cannot read or parse; --isolated keeps the
    # repository's configuration out.
    return run_process([sys.executable, "-m", "flake8", "--isolated", "--select", "WSC,E9", *args], cwd, stdin,
                       **options)


def run_wscc(args: Sequence[str], cwd, stdin: bytes | None = None, **options) -> Result:
    return run_process(_entry("wscc.cli") + list(args), cwd, stdin, **options)


def run_fix(args: Sequence[str], cwd, stdin: bytes | None = None, **options) -> Result:
    return run_process(_entry("wscc.fix.cli") + list(args), cwd, stdin, **options)


def assert_no_traceback(result: Result) -> None:
    assert "Traceback (most recent call last)" not in result.output, result.output
    assert "failed during execution" not in result.output, result.output


def lines_naming(result: Result, name: str) -> list[str]:
    return [line for line in result.output.splitlines() if name in line]


# ----------------------------------------------------------------------------- intended edits

#: An integer literal standing alone (not part of a name, a float or an attribute).
_LITERAL_SPLIT = re.compile(rb"(?<![\w.])([0-9][0-9_]*|0[xXoObB][0-9a-fA-F_]+)(?![\w.])")
_NAME = rb"[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*"


def _is_literal_rename(before: bytes, after: bytes) -> bool:
    """``after`` is ``before`` with some integer literals replaced by (dotted) names and
    every other byte, line ending included, identical."""
    pieces = _LITERAL_SPLIT.split(before)
    pattern = b"".join(
        re.escape(piece) if index % 2 == 0 else b"(?:" + re.escape(piece) + b"|" + _NAME + b")"
        for index, piece in enumerate(pieces)
    )
    return before != after and re.fullmatch(pattern, after, re.DOTALL) is not None


def _imports(block: bytes) -> set[tuple[str, str]] | None:
    """The (module, name) pairs a block of import statements binds, or None if the block
    is anything else."""
    try:
        text = block.decode("utf-8").strip().replace("\r\n", "\n").replace("\r", "\n")
        tree = ast.parse(text)
    except (SyntaxError, UnicodeDecodeError, ValueError):
        return None
    if not tree.body or not all(isinstance(n, (ast.Import, ast.ImportFrom)) for n in tree.body):
        return None
    bound = set()
    for node in tree.body:
        module = node.module if isinstance(node, ast.ImportFrom) else ""
        for alias in node.names:
            bound.add((module or "", f"{alias.name} as {alias.asname}" if alias.asname else alias.name))
    return bound


def unintended_edits(before: bytes, after: bytes) -> list[str]:
    """Every difference that is neither a literal code turned into a name nor an added or
    extended import statement.  Line endings are compared byte for byte."""
    old_lines = before.splitlines(keepends=True)
    new_lines = after.splitlines(keepends=True)
    problems = []
    matcher = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        old, new = b"".join(old_lines[i1:i2]), b"".join(new_lines[j1:j2])
        if tag == "equal":
            continue
        if tag == "insert" and _imports(new) is not None:
            continue
        if tag == "replace":
            old_imports, new_imports = _imports(old), _imports(new)
            if old_imports is not None and new_imports is not None and old_imports <= new_imports:
                continue
            if i2 - i1 == j2 - j1 and all(
                _is_intended_line_edit(a, b) for a, b in zip(old_lines[i1:i2], new_lines[j1:j2])
            ):
                continue
            # An added import line next to a renamed literal line can be grouped as one block.
            if _split_insert_and_rename(old_lines[i1:i2], new_lines[j1:j2]):
                continue
        problems.append(f"{tag} lines {i1 + 1}-{i2}: {old!r} -> {new!r}")
    return problems


def _ending(line: bytes) -> bytes:
    return line[len(line.rstrip(b"\r\n")):]


def _is_intended_line_edit(before: bytes, after: bytes) -> bool:
    """A literal renamed, or an import line that now binds more names."""
    if _is_literal_rename(before, after):
        return True
    old, new = _imports(before), _imports(after)
    return old is not None and new is not None and old <= new and _ending(before) == _ending(after)


def _split_insert_and_rename(old: list[bytes], new: list[bytes]) -> bool:
    """``new`` = ``old`` with each line renamed or kept, plus whole import lines inserted."""
    position = 0
    for line in new:
        if position < len(old) and (line == old[position] or _is_intended_line_edit(old[position], line)):
            position += 1
        elif _imports(line) is None:
            return False
    return position == len(old)


def write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path
