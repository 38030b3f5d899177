"""Every rule's "Example" and "Use instead", pasted alone into a file, do what its page says.

Fixit-style: each snippet in ``wscc.rules.RULES`` is written to a file of its own and run
through the real ``wscc`` command (JSON output) and the real flake8 plugin. The Example is
reported as exactly its rule (an opt-in rule with the ``--extend-select`` its page names),
the Use instead as nothing, under the default rules and with every opt-in rule on too.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections import defaultdict
from functools import lru_cache
from pathlib import Path

import pytest

from conftest import run_flake8
from wscc import docs
from wscc.rules import RULES, Rule

OPT_IN = tuple(rule.code for rule in RULES if not rule.default_enabled)
ALL_ON = ("--extend-select", ",".join(OPT_IN))
SNIPPETS = {"example": lambda rule: rule.example, "use_instead": lambda rule: rule.use_instead}


def _enabling(rule: Rule) -> tuple[str, ...]:
    """The options that turn the rule on, read from its page as the reader reads them."""
    if rule.default_enabled:
        return ()
    told = re.search(r"`flake8 (--extend-select) ([^`]+)`", docs.rule_page(rule))
    assert told, f"{rule.code}'s page does not say how to turn it on"
    return told.group(1), told.group(2)


def _file_name(rule: Rule, kind: str) -> str:
    return f"{rule.code}_{kind}.py"


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Each snippet alone in its own file, exactly as written in the rule data."""
    path = tmp_path_factory.mktemp("rule_examples")
    for rule in RULES:
        for kind, snippet in SNIPPETS.items():
            (path / _file_name(rule, kind)).write_text(snippet(rule) + "\n", encoding="utf-8")
    return path


@lru_cache(maxsize=None)
def _wscc(folder: Path, args: tuple[str, ...]) -> dict[str, list[str]]:
    """Codes the ``wscc`` command reports, per file name: one run over every snippet."""
    done = subprocess.run(
        [sys.executable, "-m", "wscc.cli", "--format", "json", *args, str(folder)],
        capture_output=True, text=True, timeout=120,
    )
    assert done.returncode in (0, 1), f"wscc failed ({done.returncode}):\n{done.stderr}"
    output = json.loads(done.stdout)
    if isinstance(output, dict):  # {"findings": [...], "errors": [...]}: problems beside findings
        assert output["errors"] == [], output["errors"]
        records = output["findings"]
    else:  # a bare list of findings, the format before problems were reported in JSON
        records = output
    assert done.returncode == (1 if records else 0), done.stderr
    found: dict[str, list[str]] = defaultdict(list)
    for record in records:
        found[Path(record["path"]).name].append(record["code"])
    return found


@lru_cache(maxsize=None)
def _flake8(folder: Path, args: tuple[str, ...]) -> dict[str, list[str]]:
    """Every code flake8 reports (WSC and the others), per file name: one run."""
    found: dict[str, list[str]] = defaultdict(list)
    for path, _row, _col, code, _text in run_flake8([folder], *args):
        found[Path(path).name].append(code)
    return found


def _wsc(codes: list[str]) -> set[str]:
    return {code for code in codes if code.startswith("WSC")}


def _shown(rule: Rule, kind: str) -> str:
    return f"{rule.code} {kind}:\n{SNIPPETS[kind](rule)}"


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.code)
def test_example_is_reported_as_exactly_its_rule(rule: Rule, folder: Path) -> None:
    name = _file_name(rule, "example")
    assert set(_wscc(folder, _enabling(rule))[name]) == {rule.code}, _shown(rule, "example")
    assert _wsc(_flake8(folder, _enabling(rule))[name]) == {rule.code}, _shown(rule, "example")


@pytest.mark.parametrize("options", [(), ALL_ON], ids=["default rules", "all rules"])
@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.code)
def test_use_instead_is_reported_by_nothing(rule: Rule, options: tuple[str, ...], folder: Path) -> None:
    name = _file_name(rule, "use_instead")
    assert _wscc(folder, options)[name] == [], _shown(rule, "use_instead")
    assert _wsc(_flake8(folder, options)[name]) == set(), _shown(rule, "use_instead")


@pytest.mark.parametrize("kind", SNIPPETS)
@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.code)
def test_snippet_is_self_contained(rule: Rule, kind: str, folder: Path) -> None:
    """pyflakes finds no undefined name (a missing import) and no unused import."""
    codes = _flake8(folder, ())[_file_name(rule, kind)]
    assert [code for code in codes if code.startswith("F")] == [], _shown(rule, kind)
