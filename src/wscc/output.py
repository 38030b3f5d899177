"""Output formats of the ``wscc`` command: text, JSON, SARIF 2.1.0 and GitHub annotations."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from wscc import __version__
from wscc.rules import BY_CODE, RULES

if TYPE_CHECKING:
    from wscc.detector import Finding

    #: A finding and the path of its file.
    Located = tuple[str, Finding]

INFORMATION_URI = "https://pypi.org/project/wscc/"


def _fix_available(finding: Finding) -> bool:
    return finding.replacement is not None


def default(findings: list[Located]) -> str:
    return "".join(f"{path}:{f.line}:{f.col + 1}: {f.code} {f.message}\n" for path, f in findings)


def as_json(findings: list[Located]) -> str:
    records = [
        {
            "path": path,
            "line": f.line,
            "column": f.col + 1,
            "end_line": f.end_line,
            "end_column": f.end_col + 1,
            "code": f.code,
            "name": BY_CODE[f.code].name,
            "message": f.message,
            "library": f.library,
            "fix": {
                "available": _fix_available(f),
                "replacement": f.replacement.display if f.replacement else None,
            },
        }
        for path, f in findings
    ]
    return json.dumps(records, indent=2, ensure_ascii=False) + "\n"


def _level(code: str) -> str:
    return "error" if BY_CODE[code].is_error else "warning"


def sarif(findings: list[Located]) -> str:
    from wscc.docs import rule_page

    index = {rule.code: position for position, rule in enumerate(RULES)}
    rules = [
        {
            "id": rule.code,
            "name": rule.name,
            "shortDescription": {"text": rule.summary},
            "fullDescription": {"text": rule.what},
            "help": {"text": rule.why, "markdown": rule_page(rule)},
            "defaultConfiguration": {"level": _level(rule.code), "enabled": rule.default_enabled},
            "properties": {"tags": ["websocket", "correctness" if rule.is_error else "readability"]},
        }
        for rule in RULES
    ]
    results = [
        {
            "ruleId": f.code,
            "ruleIndex": index[f.code],
            "level": _level(f.code),
            "message": {"text": f.message},
            "locations": [{
                "physicalLocation": {
                    "artifactLocation": {"uri": Path(path).as_posix(), "uriBaseId": "%SRCROOT%"},
                    "region": {
                        "startLine": f.line, "startColumn": f.col + 1,
                        "endLine": f.end_line, "endColumn": f.end_col + 1,
                    },
                },
            }],
        }
        for path, f in findings
    ]
    log = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "wscc", "version": __version__, "informationUri": INFORMATION_URI, "rules": rules,
            }},
            "results": results,
        }],
    }
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github(findings: list[Located]) -> str:
    return "".join(
        f"::{_level(f.code)} file={_escape_property(path)},line={f.line},col={f.col + 1},"
        f"endLine={f.end_line},endColumn={f.end_col + 1},title={f.code}::"
        f"{_escape_data(f'{f.code} {f.message}')}\n"
        for path, f in findings
    )


FORMATS: dict[str, Callable[[list[Located]], str]] = {
    "default": default,
    "json": as_json,
    "sarif": sarif,
    "github": github,
}
