"""wscc-fix on bytes: encodings, newlines, literal spelling, locating literals, safe mode."""

from __future__ import annotations

import ast
import dataclasses
import subprocess
import sys

import pytest

from wscc.config import Config
from wscc.fix import core, fix_bytes, rewrite, safety
from wscc.fix.plan import Plan, plan_module

SETTINGS = Config().settings_for(None)

FASTAPI = (
    "from fastapi import FastAPI, WebSocket\n"
    "app = FastAPI()\n"
    "@app.websocket('/ws')\n"
    "async def endpoint(websocket: WebSocket):\n"
    "    await websocket.close({code})\n"
)


def fixed(data: bytes) -> bytes:
    result = fix_bytes(data, "example.py", SETTINGS)
    assert result.problem is None, result.problem
    return result.new if result.changed else data


def test_utf8_bom_is_kept():
    source = FASTAPI.format(code="1008").encode()
    out = fixed(b"\xef\xbb\xbf" + source)
    assert out.startswith(b"\xef\xbb\xbf") and not out.startswith(b"\xef\xbb\xbf\xef\xbb\xbf")
    assert out[3:] == fixed(source)
    assert b"status.WS_1008_POLICY_VIOLATION" in out


def test_bom_with_utf8_cookie_is_kept():
    source = b"\xef\xbb\xbf# -*- coding: utf-8 -*-\n" + FASTAPI.format(code="1008").encode()
    out = fixed(source)
    assert out.startswith(b"\xef\xbb\xbf# -*- coding: utf-8 -*-\n") and b"status.WS_1008" in out


def test_latin1_cookie_bytes_are_kept():
    source = ("# -*- coding: latin-1 -*-\n# caf\xe9 cr\xe8me\n" + FASTAPI.format(code="1011") +
              "    reason = 'd\xe9j\xe0'\n").encode("latin-1")
    out = fixed(source)
    assert out != source
    assert b"# caf\xe9 cr\xe8me\n" in out and b"'d\xe9j\xe0'" in out
    assert out.decode("latin-1") == source.decode("latin-1").replace(
        "FastAPI, WebSocket", "FastAPI, WebSocket, status").replace("close(1011)", "close(status.WS_1011_INTERNAL_ERROR)")


def test_crlf_everywhere_including_the_new_import():
    source = (
        "import simple_websocket\r\n"
        "\r\n"
        "def serve(environ):\r\n"
        "    ws = simple_websocket.Server(environ)\r\n"
        "    ws.close(1001)\r\n"
    ).encode()
    out = fixed(source)
    assert out == (
        "import simple_websocket\r\n"
        "from wsproto.frame_protocol import CloseReason\r\n"
        "\r\n"
        "def serve(environ):\r\n"
        "    ws = simple_websocket.Server(environ)\r\n"
        "    ws.close(CloseReason.GOING_AWAY)\r\n"
    ).encode()
    assert b"\n" not in out.replace(b"\r\n", b"")


def test_tabs_comments_and_missing_final_newline_are_kept():
    source = (
        "import websocket  # the client\n"
        "def stop(ws: websocket.WebSocket):\n"
        "\tif ws:\n"
        "\t\tws.close(status=1000)  # done\n"
        "\treturn ws"
    ).encode()
    assert fixed(source) == source.replace(b"status=1000", b"status=websocket.STATUS_NORMAL")


@pytest.mark.parametrize("spelling", ["0x3F0", "1_008", "(1008)", "( 1008 )"])
def test_every_spelling_of_the_literal_is_replaced_whole(spelling):
    out = fixed(FASTAPI.format(code=spelling).encode()).decode()
    inner = spelling.strip("( )")
    expected = spelling.replace(inner, "status.WS_1008_POLICY_VIOLATION")
    assert out.splitlines()[-1] == f"    await websocket.close({expected})"


def test_the_right_literal_among_many_is_replaced():
    # Integers before the target in f-strings, decorators, defaults, a keyword written
    # before *args, and the same value elsewhere on the line: ranks must line up.
    source = (
        "from fastapi import FastAPI, WebSocket\n"
        "app = FastAPI()\n"
        "def log(*args, **kwargs): pass\n"
        "@app.websocket('/ws', name=f'{1008}-{1008:04d}')\n"
        "async def endpoint(websocket: WebSocket, limit=1008):\n"
        "    log(level=1008, *[1008]); x = {1008: f'{1008}'}\n"
        "    await websocket.close(1008); y = [1008, 1008]\n"
        "    await websocket.send_text(str(1008 if limit else 1011))\n"
    )
    out = fixed(source.encode()).decode()
    assert out == source.replace(
        "    await websocket.close(1008);", "    await websocket.close(status.WS_1008_POLICY_VIOLATION);"
    ).replace("FastAPI, WebSocket\n", "FastAPI, WebSocket, status\n", 1)


def test_two_sends_on_one_line():
    source = FASTAPI.format(code="1000); await websocket.close(1001").encode()
    out = fixed(source).decode()
    assert out.endswith("close(status.WS_1000_NORMAL_CLOSURE); await websocket.close(status.WS_1001_GOING_AWAY)\n")


def _plan(source: str) -> tuple[ast.Module, Plan]:
    from wscc import detector

    tree = ast.parse(source)
    model, findings = detector.analyse(tree, SETTINGS, source)
    return tree, plan_module(model, source, findings)


def test_a_literal_that_does_not_match_the_plan_aborts():
    source = FASTAPI.format(code="1008")
    _, plan = _plan(source)
    (edit,) = plan.edits
    plan.edits = [dataclasses.replace(edit, value=1011)]
    with pytest.raises(rewrite.RewriteError):
        rewrite.rewrite_text(source, plan)


def test_safe_mode_rejects_any_other_change():
    source = FASTAPI.format(code="1008")
    tree, plan = _plan(source)
    good = rewrite.rewrite_text(source, plan)
    safety.check(ast.parse(source), source, good, plan)  # the real rewrite passes
    for bad in (good.replace("'/ws'", "'/wss'"), good.replace("status.WS_1008", "status.WS_1011"),
                good.replace(", status", ""), good + "x = 1\n", good.replace("async def", "def")):
        with pytest.raises(safety.UnsafeRewrite):
            safety.check(ast.parse(source), source, bad, plan)


def test_safe_mode_rejects_changes_to_statements_the_plan_does_not_touch():
    # Those are compared as text, not as trees: any change to them, or their order, counts.
    source = (
        "from fastapi import FastAPI, WebSocket\n"
        "app = FastAPI()\n"
        "limit = [1, 2]; other = 3\n"
        "@app.get('/')\n"
        "def index(): return {}\n"
        "@app.websocket('/ws')\n"
        "async def endpoint(websocket: WebSocket):\n"
        "    await websocket.close(1008)\n"
    )
    tree, plan = _plan(source)
    good = rewrite.rewrite_text(source, plan)
    safety.check(ast.parse(source), source, good, plan)
    swapped = good.replace("app = FastAPI()\nlimit = [1, 2]; other = 3\n", "limit = [1, 2]; other = 3\napp = FastAPI()\n")
    for bad in (good.replace("FastAPI()", "FastAPI(debug=True)"), good.replace("[1, 2]", "[1, 3]"),
                good.replace("other = 3", "other = 3; more = 4"), good.replace("@app.get('/')\n", ""),
                good.replace("@app.get('/')", "@app.get('/x')"), good.replace("return {}", "return {\n}"),
                good.replace("app = FastAPI()\n", "app = FastAPI()\nx = 1\n"), swapped):
        with pytest.raises(safety.UnsafeRewrite):
            safety.check(ast.parse(source), source, bad, plan)


def test_an_unsafe_rewrite_leaves_the_file_alone_and_says_so(monkeypatch):
    real = rewrite.rewrite_text
    monkeypatch.setattr(rewrite, "rewrite_text", lambda text, plan: real(text, plan).replace("'/ws'", "'/x'"))
    data = FASTAPI.format(code="1008").encode()
    result = fix_bytes(data, "app.py", SETTINGS)
    assert not result.changed and result.fixed == 0
    assert result.problem.startswith("app.py: not rewritten: ") and "\n" not in result.problem


def test_unparsable_and_undecodable_files_are_one_line_problems():
    broken = fix_bytes(b"import fastapi\ndef f(:\n", "broken.py", SETTINGS)
    assert broken.problem == "broken.py:2:7: cannot parse: invalid syntax"
    undecodable = fix_bytes(b"import fastapi\nx = '\xff'\n", "bad.py", SETTINGS)
    assert undecodable.problem.startswith("bad.py:") and not undecodable.changed


def test_libcst_is_imported_only_for_files_that_need_an_edit():
    script = (
        "import sys\n"
        "import wscc.flake8_plugin, wscc.cli, wscc.fix.cli\n"
        "from wscc.fix import fix_bytes\n"
        "from wscc.config import Config\n"
        "s = Config().settings_for(None)\n"
        "fix_bytes(b'import fastapi\\nx = 1008\\n', 'a.py', s)\n"
        "fix_bytes(b'from fastapi import WebSocket\\nasync def f(websocket: WebSocket):\\n"
        "    await websocket.close(4000)\\n', 'b.py', s)\n"
        "assert 'libcst' not in sys.modules, 'imported too early'\n"
        "r = fix_bytes(b'from fastapi import WebSocket\\nasync def f(websocket: WebSocket):\\n"
        "    await websocket.close(1000)\\n', 'c.py', s)\n"
        "assert r.changed and 'libcst' in sys.modules\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr


def test_fix_text_helper_round_trips():
    source = FASTAPI.format(code="1008")
    assert core.fix_text(core.fix_text(source)) == core.fix_text(source) != source


def test_a_file_python_parses_but_libcst_cannot_is_a_problem_not_a_crash():
    # libcst parses only the statements it edits, so the oddity is in the one edited here.
    data = FASTAPI.format(code="1008").encode()[:-1] + b" \\\r\n"
    ast.parse(data)
    result = fix_bytes(data, "odd.py", SETTINGS)
    assert not result.changed
    assert result.problem.startswith("odd.py: not rewritten: libcst cannot parse it")


def test_deeply_nested_code_is_a_problem_not_a_crash():
    # Python parses it; libcst and the AST comparison recurse too deep (on the edited line:
    # they see only the statements that change).
    data = FASTAPI.format(code="1008").encode()[:-1] + b"; x = " + b"+".join([b"1"] * 1000) + b"\n"
    result = fix_bytes(data, "deep.py", SETTINGS)
    assert not result.changed
    assert result.problem == "deep.py: not rewritten: expression nested too deeply"


@pytest.mark.parametrize("newline", ["\r", "\r\n", "\n"])
def test_every_line_ending_style_is_kept_to_the_last_byte(newline):
    source = newline.join([
        "import websocket", "import os", "def stop(ws: websocket.WebSocket):",
        "    ws.close(status=1000)", "    return os", "",
    ]).encode()
    assert fixed(source) == source.replace(b"status=1000", b"status=websocket.STATUS_NORMAL")


def test_layout_check_rejects_changes_the_ast_cannot_see():
    source = FASTAPI.format(code="1008") + "# the end\n"
    _, plan = _plan(source)
    good = rewrite.rewrite_text(source, plan)
    safety.check_layout(source, good, plan)
    for bad in (good.replace("# the end", "# The end"), good.replace("\n", "\r\n"),
                good.replace("app = FastAPI()\n", "app = FastAPI()\n\n"), good[:-1],
                good.replace("    await", "\tawait")):
        assert ast.dump(ast.parse(bad)) == ast.dump(ast.parse(good))  # invisible to the AST check
        with pytest.raises(safety.UnsafeRewrite):
            safety.check_layout(source, bad, plan)


def test_statements_sharing_a_line_at_module_level():
    source = (
        "import websocket; n = 1000\n"
        "ws = websocket.WebSocket(); ws.close(status=1000); y = [1000]\n"
        "if n: ws.close(status=1001); z = 1001\n"
    ).encode()
    assert fixed(source) == source.replace(b"ws.close(status=1000)", b"ws.close(status=websocket.STATUS_NORMAL)") \
        .replace(b"ws.close(status=1001)", b"ws.close(status=websocket.STATUS_GOING_AWAY)")
