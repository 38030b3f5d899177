"""The real-world evaluation's annotations, its scoring, and the wrapper analyses it measures.

Nothing here downloads: the annotated lines are checked against the unpacked archives
only when ``benchmarks/.cache`` already holds them (after ``python
benchmarks/realworld/evaluate.py``).
"""

from __future__ import annotations

import importlib.util
import sys
import textwrap
from pathlib import Path

import pytest

import ast

from wscc.detector import Settings, detect, detect_source
from wscc.rules import BY_CODE
from wscc.following import ECHO_RULE

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "benchmarks" / "realworld" / "evaluate.py"


def _load_evaluate():
    spec = importlib.util.spec_from_file_location("realworld_evaluate", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


evaluate = _load_evaluate()
ANNOTATIONS = evaluate.load_annotations()
ALL_RULES = Settings(enabled=lambda code: True)


# --------------------------------------------------------------------------- the file


def test_header_is_the_documented_one():
    lines = [line for line in evaluate.ANNOTATIONS.read_text(encoding="utf-8").splitlines()
             if not line.startswith("#")]
    assert tuple(lines[0].split(",")) == evaluate.FIELDS


def test_every_row_names_a_pinned_package_a_rule_and_a_scope():
    pinned = {name: version for name, version, _kind, _role in evaluate.PACKAGES}
    rules = set(BY_CODE) | {ECHO_RULE, "nothing"}
    for a in ANNOTATIONS:
        assert pinned.get(a.package) == a.version, a
        assert a.expected in rules, a
        assert a.scope in ("in", "out"), a
        assert a.line > 0 and a.path and not a.path.startswith("/"), a
        assert a.note.strip(), f"every site says what it is: {a}"


def test_no_site_is_annotated_twice_with_the_same_expectation():
    keys = [(a.package, a.path, a.line, a.expected) for a in ANNOTATIONS]
    assert len(keys) == len(set(keys))


def test_a_site_is_either_a_send_or_nothing():
    by_site: dict = {}
    for a in ANNOTATIONS:
        by_site.setdefault((a.package, a.path, a.line), set()).add(a.expected)
    assert all(not ("nothing" in expected and len(expected) > 1) for expected in by_site.values())


def test_the_set_covers_the_size_the_issue_asks_for():
    assert len(ANNOTATIONS) >= 100
    assert len({a.package for a in ANNOTATIONS}) >= 15
    controls = {name for name, _v, _k, role in evaluate.PACKAGES if role == "control"}
    # A negative control holds no send wscc should report.
    assert all(a.expected == "nothing" for a in ANNOTATIONS if a.package in controls)


def _cached_tree(package: str, version: str) -> Path:
    return evaluate.CACHE / f"{package}-{version}" / "files"


@pytest.mark.skipif(not evaluate.CACHE.is_dir(), reason="no package cache (run benchmarks/realworld/evaluate.py)")
def test_annotated_lines_exist_in_the_cached_archives():
    checked = 0
    for a in ANNOTATIONS:
        tree = _cached_tree(a.package, a.version)
        if not tree.is_dir():
            continue
        lines = (tree / a.path).read_text(encoding="utf-8").splitlines()
        assert a.line <= len(lines), a
        text = lines[a.line - 1]
        # Every annotated line writes a code, a close, or a comparison of one.
        assert any(ch.isdigit() for ch in text) or "close" in text or "code" in text, (a, text)
        checked += 1
    if checked == 0:
        pytest.skip("cache holds none of the annotated packages")


# --------------------------------------------------------------------------- scoring


def _annotation(line, expected, scope="in", package="bocadillo"):
    return evaluate.Annotation(package, "0.18.3", "m.py", line, expected, scope, "note")


def _hit(line, code, package="bocadillo"):
    return evaluate.Hit(package, "m.py", line, code, "message")


def test_scoring_counts_matches_misses_and_extras_per_scope():
    annotations = [
        _annotation(1, "WSC101"),  # found -> TP
        _annotation(2, "WSC103"),  # found with another rule -> FP and FN
        _annotation(3, "nothing"),  # flagged -> FP
        _annotation(4, "WSC202", scope="out"),  # missed, out of scope -> FN in "all" only
    ]
    hits = [_hit(1, "WSC101"), _hit(2, "WSC201"), _hit(3, "WSC203"), _hit(9, "WSC202")]
    outcome = evaluate.compare(hits, annotations)
    in_scope, everything = outcome.scores["bocadillo"]["in"], outcome.scores["bocadillo"]["all"]
    assert (in_scope.tp, in_scope.fp, in_scope.fn) == (1, 3, 1)
    assert (everything.tp, everything.fp, everything.fn) == (1, 3, 2)
    assert [h.line for h in outcome.unannotated] == [9]
    assert sorted(a.line for a in outcome.false_negatives) == [2, 4]
    assert in_scope.precision.strip() == "25.0%"


# --------------------------------------------------------------------------- following codes further


def _codes(source: str, follow: bool = True) -> list[tuple[int, str]]:
    source = textwrap.dedent(source)
    if follow:
        findings = detect_source(source, ALL_RULES)
    else:
        findings = detect(ast.parse(source), ALL_RULES, source, follow=())
    return [(f.line, f.code) for f in findings]


def test_a_wrapper_default_and_its_callers_codes_are_judged():
    source = """
        from starlette.websockets import WebSocket as StarletteWebSocket

        class Conn:
            def __init__(self, scope, receive, send):
                self._ws = StarletteWebSocket(scope, receive=receive, send=send)

            async def close(self, code: int = 1000):
                await self._ws.close(code=code)

            async def ensure_closed(self, code=1006):
                await self.close(code=code)

            async def reject(self):
                await self.close(code=403)

        async def view(conn: Conn, ok):
            await conn.ensure_closed(4001)
            code = 1000 if ok else 1011
            await conn.close(code)
    """
    assert _codes(source, follow=False) == []
    assert _codes(source) == [
        (8, "WSC201"), (11, "WSC101"), (15, "WSC103"), (18, "WSC203"), (19, "WSC201"), (19, "WSC201"),
    ]


def test_a_wrapper_that_drops_its_code_is_not_a_wrapper():
    source = """
        import aiohttp

        class Client:
            async def close(self, code=1000):
                print("closing", code)
                await self.connection.close()

            def on_error(self):
                return self.close(1006)
    """
    assert _codes(source) == []


def test_super_close_in_a_library_subclass_and_a_passed_websocket():
    source = """
        import aiohttp
        from tornado.websocket import WebSocketHandler

        class Response(aiohttp.ClientWebSocketResponse):
            async def close(self, *, code: int = 4000, message: bytes = b"") -> bool:
                return await super().close(code=code, message=message)

        def abort(handler, message):
            handler.close(1, message)

        class Handler(WebSocketHandler):
            def open(self):
                abort(self, "denied")
    """
    assert _codes(source) == [(6, "WSC203"), (10, "WSC103")]


def test_http_status_forwarded_and_peer_code_echoed():
    source = """
        from starlette.exceptions import HTTPException
        from starlette.websockets import WebSocket, WebSocketDisconnect

        async def handler(websocket: WebSocket, exc, processor):
            await websocket.close(code=exc.status_code)  # a parameter: no evidence of HTTP
            try:
                await websocket.receive_text()
            except WebSocketDisconnect as gone:
                await websocket.close(code=gone.code)
            except HTTPException as error:
                await websocket.close(code=error.status_code)
            await websocket.close(code=processor.close_code)
            await websocket.close(code=websocket.close_code)
    """
    found = _codes(source)
    assert (12, "WSC103") in found and not any(line == 6 for line, _ in found)
    assert (10, ECHO_RULE) in found and (14, ECHO_RULE) in found
    assert not any(line == 13 for line, _ in found), "an application attribute is not the peer's code"
    forwarded = [f for f in detect_source(textwrap.dedent(source), ALL_RULES) if f.line == 12]
    assert [f.message for f in forwarded] == [
        "close code error.status_code forwards an HTTP status: an HTTP status is not a close code: "
        "map it to a named close code (4000 + status, or IANA's 3000 Unauthorized / 3003 Forbidden / 3008 Timeout)"]


def test_a_compared_asgi_dict_is_an_expectation_not_a_send():
    source = """
        async def app(scope, receive, send):
            await send({"type": "websocket.close", "code": 4242})

        def test_it(message):
            assert message == {"type": "websocket.close", "code": 4242}
    """
    assert [line for line, _ in _codes(source)] == [3]
