"""The rules drive the checks: each rule has its check, run in severity order."""

from __future__ import annotations

import pytest

from wscc import checks
from wscc.detector import detect_source
from wscc.rules import RULES, SEVERITY
from wscc.settings import Settings

HANDLER = """\
from fastapi import WebSocket


async def handler(websocket: WebSocket):
    await websocket.close(code={code})
"""


def codes(code: str, enabled=lambda rule: True) -> list[str]:
    return [f.code for f in detect_source(HANDLER.format(code=code), Settings(enabled=enabled))]


def test_every_rule_has_a_check():
    assert list(checks.unchecked_rules()) == []


def test_the_fixable_rules_come_from_the_rule_data():
    assert checks.FIXABLE == {rule.code for rule in RULES if rule.fix != "never"} == {"WSC201", "WSC202", "WSC203"}


def test_checks_run_in_severity_order():
    assert checks.ORDER == tuple(sorted(SEVERITY, key=SEVERITY.get))


@pytest.mark.parametrize(("code", "expected"), [
    ("1006", ["WSC101"]),
    ("403", ["WSC103"]),
    ('"1000"', ["WSC107"]),
    ("1010", ["WSC105"]),
    ("1014", ["WSC110"]),  # every rule on: the opt-in rule is more severe than WSC201
    ("3001", ["WSC109"]),
    ("4001", ["WSC203"]),
    ("1008", ["WSC201"]),
])
def test_the_most_severe_enabled_rule_wins(code, expected):
    assert codes(code) == expected


def test_a_wrong_code_is_not_also_a_magic_number_when_its_rule_is_off():
    assert codes("1006", enabled=lambda rule: rule != "WSC101") == []
    assert codes("2000", enabled=lambda rule: rule != "WSC104") == []


def test_a_code_with_a_library_constant_is_not_wsc202_when_wsc201_is_off():
    assert codes("1008", enabled=lambda rule: rule != "WSC201") == []


def test_a_less_severe_rule_reports_when_the_more_severe_one_is_off():
    assert codes("1014", enabled=lambda rule: rule != "WSC110") == ["WSC201"]
    assert codes("1010", enabled=lambda rule: rule != "WSC105") == ["WSC201"]
