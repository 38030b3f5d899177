"""The flake8 front end: ``WSC`` checks over the tree flake8 already parsed."""

from __future__ import annotations

import ast
from typing import Any, Iterator

from wscc import __version__
from wscc.gate import might_send
from wscc.settings import Settings
from wscc.rules import BY_CODE, DEFAULT_DISABLED, default_enabled


def _parse_codes(values: list[str], option: str) -> frozenset[int]:
    try:
        return frozenset(int(value) for value in values if value)
    except ValueError:
        raise SystemExit(f"wscc: {option} takes integers, got {', '.join(values)!r}") from None


def _enabled_from(options: Any):
    """Ask flake8's own decision engine which WSC rules are on, so that the most
    severe *enabled* rule is the one reported for each argument."""
    try:
        from flake8.style_guide import Decision, DecisionEngine

        engine = DecisionEngine(options)
        decisions = {code: engine.decision_for(code) == Decision.Selected for code in BY_CODE}
        return decisions.__getitem__
    except Exception:  # an options object from a flake8 we do not know: use the defaults
        return default_enabled


class Plugin:
    name = "wscc"
    version = __version__
    settings = Settings()

    def __init__(self, tree: ast.Module, lines: list[str]) -> None:
        self.tree = tree
        self.lines = lines

    @classmethod
    def add_options(cls, manager: Any) -> None:
        manager.add_option(
            "--wscc-receiver-names",
            default="",
            parse_from_config=True,
            comma_separated_list=True,
            help="Extra names of variables, parameters or attributes that hold a WebSocket.",
        )
        manager.add_option(
            "--wscc-allowed-codes",
            default="",
            parse_from_config=True,
            comma_separated_list=True,
            help="Close codes that may be written as literals (no WSC2xx finding).",
        )
        manager.extend_default_ignore(list(DEFAULT_DISABLED))

    @classmethod
    def parse_options(cls, options: Any) -> None:
        cls.settings = Settings(
            receiver_names=frozenset(options.wscc_receiver_names),
            allowed_codes=_parse_codes(options.wscc_allowed_codes, "--wscc-allowed-codes"),
            enabled=_enabled_from(options),
        )

    def run(self) -> Iterator[tuple[int, int, str, type]]:
        # Most files cannot contain a send: reject them on their text before walking.
        text = "".join(self.lines)
        if not might_send(text):
            return
        from wscc.detector import detect  # loaded on the first file that could send

        for finding in detect(self.tree, self.settings, text):
            yield finding.line, finding.col, finding.text, type(self)
