"""wscc-fix parses with libcst only the statement lines it changes and splices them back:
the result is what rewriting the whole module gives, whatever surrounds those lines."""

from __future__ import annotations

import pytest

from wscc.config import Config
from wscc.fix import fix_bytes

SETTINGS = Config().settings_for(None)


def fixed(source: str) -> str:
    result = fix_bytes(source.encode(), "example.py", SETTINGS)
    assert result.problem is None, result.problem
    assert result.changed
    return result.new.decode()


def named_statuses(source: str) -> str:
    """``source`` with websocket-client's constants for 1000 and 1001, and nothing else changed."""
    return source.replace("status=1001", "status=websocket.STATUS_GOING_AWAY").replace(
        "status=1000", "status=websocket.STATUS_NORMAL")


def test_nested_statement_lines_in_any_layout():
    # Each literal's own statement line is parsed alone: tabs, continuation lines indented
    # less than the statement, a multi-line string, two statements on a line, a statement
    # after a backslash-continued one, a form feed in the indentation.
    source = (
        "import websocket\n"
        "def stop(ws: websocket.WebSocket, flag):\n"
        "\tif flag:\n"
        "\t\tws.close(\n"
        "  status=1001,\n"
        "\t\t\treason='''a\n"
        "1000'''); n = 1000\n"
        "\telse:\n"
        "\t\tx = 1; \\\n"
        "\t\tws.close(status=1001)  # done\n"
        "\x0c\tws.close(status=1000)\n"
    )
    assert fixed(source) == named_statuses(source)


def test_statement_lines_that_cannot_be_parsed_alone_fall_back_to_the_top_level_statement():
    # A suite on its header's line, and a line continued by a backslash onto a blank line.
    source = (
        "import websocket\n"
        "def stop(ws: websocket.WebSocket):\n"
        "    if ws: ws.close(status=1000)\n"
        "    ws.close(status=1001) \\\n"
        "\n"
        "    return ws\n"
    )
    assert fixed(source) == named_statuses(source)


def test_comments_decorators_and_blank_lines_around_edited_statements_are_kept():
    source = (
        "# header comment\n"
        "\n"
        "from fastapi import FastAPI, WebSocket\n"
        "\n"
        "# leading\n"
        "@app.websocket('/ws')  # trailing\n"
        "# between\n"
        "async def endpoint(websocket: WebSocket):\n"
        "    await websocket.close(1008)\n"
        "    # footer, indented\n"
        "# footer\n"
    )
    assert fixed(source) == source.replace("FastAPI, WebSocket\n", "FastAPI, WebSocket, status\n").replace(
        "close(1008)", "close(status.WS_1008_POLICY_VIOLATION)")


@pytest.mark.parametrize("first, rest", [("\r\n", "\n"), ("\n", "\r\n"), ("\n", "\r")])
def test_a_new_import_line_ends_with_the_files_first_line_ending(first, rest):
    # As libcst writes a new statement in a whole module: with the module's default newline.
    source = (f"# c{first}import simple_websocket{rest}{rest}def serve(environ):{rest}"
              f"    ws = simple_websocket.Server(environ){rest}    ws.close(1001){rest}")
    assert fixed(source) == source.replace(
        f"import simple_websocket{rest}", f"import simple_websocket{rest}from wsproto.frame_protocol import CloseReason{first}"
    ).replace("close(1001)", "close(CloseReason.GOING_AWAY)")


def test_code_libcst_cannot_parse_outside_the_edited_statements_does_not_matter():
    source = (
        "from fastapi import WebSocket\n"
        "async def endpoint(websocket: WebSocket):\n"
        "    await websocket.close(1008)\n"
        "x = 1 \\\r\n"
    )
    assert fixed(source) == source.replace("WebSocket\n", "WebSocket, status\n", 1).replace(
        "close(1008)", "close(status.WS_1008_POLICY_VIOLATION)")
