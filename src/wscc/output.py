"""Output formats of the ``wscc`` command: text, JSON, SARIF 2.1.0 and GitHub annotations.

Every format carries both the findings and the problems (a path, file or setting that
could not be read, parsed or used): JSON as an ``errors`` list beside ``findings``,
SARIF as ``invocations[0].toolExecutionNotifications`` with ``executionSuccessful``
false, GitHub as ``::error`` annotations.  The default text format prints findings on
stdout; the command prints every problem on stderr in every format.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from wscc import __version__
from wscc.rules import BY_CODE, RULES

if TYPE_CHECKING:
    from wscc.detector import Finding

    #: A finding and the path of its file.
    Located = tuple[str, Finding]

#: Where each rule's page lives, relative to the root of wscc's own repository (wscc has
#: no public web address; the full page is also in each rule's ``help.markdown``).
RULE_DOCS = "docs/rules/{code}.md"


@dataclass(frozen=True)
class Problem:
    """Something that kept part of a run from being checked, as one line."""

    message: str
    path: str | None = None
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        if self.path is None:
            return self.message
        where = f":{self.line}:{self.column}" if self.line is not None and self.column is not None else ""
        return f"{self.path}{where}: {self.message}"

    @classmethod
    def about(cls, path: str | None, text: str) -> "Problem":
        """From a one-line message that starts with ``path`` (``path: …`` or
        ``path:line:col: …``), as files, check and config write them."""
        if path is not None and text.startswith(path):
            rest = text[len(path):]
            located = re.match(r":(\d+):(\d+): (.*)", rest, re.DOTALL)
            if located:
                return cls(located.group(3), path, int(located.group(1)), int(located.group(2)))
            if rest.startswith(": "):
                return cls(rest[2:], path)
        return cls(text)

    def as_dict(self) -> dict:
        return {"path": self.path, "line": self.line, "column": self.column, "message": self.message}


def _fix_available(finding: Finding) -> bool:
    """Exactly when ``wscc-fix`` rewrites the finding: the detector chose its fix."""
    return finding.fix is not None


def default(findings: list[Located], problems: list[Problem] = ()) -> str:
    # problems go to stderr (the command prints them), one line each
    return "".join(f"{path}:{f.line}:{f.col + 1}: {f.code} {f.message}\n" for path, f in findings)


def as_json(findings: list[Located], problems: list[Problem] = ()) -> str:
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
                "replacement": f.fix.expression if f.fix else (f.replacement.display if f.replacement else None),
                "reason": f.unfixable,
            },
            # Where else the finding leads: the wrapper in another module the code goes
            # through (its path is relative to the project's root).
            "related": [{"path": where, "line": line, "message": text} for where, line, text in f.related],
        }
        for path, f in findings
    ]
    document = {"findings": records, "errors": [problem.as_dict() for problem in problems]}
    import json  # only for this format: a text run never loads it

    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def _level(code: str) -> str:
    return "error" if BY_CODE[code].is_error else "warning"


def _sarif_location(path: str, region: dict | None = None) -> dict:
    location: dict = {"artifactLocation": {"uri": Path(path).as_posix(), "uriBaseId": "%SRCROOT%"}}
    if region:
        location["region"] = region
    return {"physicalLocation": location}


def _notification(problem: Problem) -> dict:
    notification: dict = {"level": "error", "message": {"text": str(problem)}}
    if problem.path is not None and problem.path != "-":
        region = {"startLine": problem.line} if problem.line else None
        if region and problem.column:
            region["startColumn"] = problem.column
        notification["locations"] = [_sarif_location(problem.path, region)]
    return notification


def sarif(findings: list[Located], problems: list[Problem] = ()) -> str:
    from wscc.docs import rule_page

    ordered = sorted(RULES, key=lambda rule: rule.code)
    index = {rule.code: position for position, rule in enumerate(ordered)}
    rules = [
        {
            "id": rule.code,
            "name": rule.name,
            "helpUri": RULE_DOCS.format(code=rule.code),
            "shortDescription": {"text": rule.summary},
            "fullDescription": {"text": rule.what},
            "help": {"text": rule.why, "markdown": rule_page(rule)},
            "defaultConfiguration": {"level": _level(rule.code), "enabled": rule.default_enabled},
            "properties": {"tags": ["websocket", "correctness" if rule.is_error else "readability"]},
        }
        for rule in ordered
    ]
    results = [
        {
            "ruleId": f.code,
            "ruleIndex": index[f.code],
            "level": _level(f.code),
            "message": {"text": f.message},
            "locations": [_sarif_location(path, {
                "startLine": f.line, "startColumn": f.col + 1,
                "endLine": f.end_line, "endColumn": f.end_col + 1,
            })],
            **({"relatedLocations": [
                {"id": number, **_sarif_location(where, {"startLine": line}), "message": {"text": text}}
                for number, (where, line, text) in enumerate(f.related)
            ]} if f.related else {}),
        }
        for path, f in findings
    ]
    log = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "wscc", "version": __version__, "rules": rules}},
            "invocations": [{
                "executionSuccessful": not problems,
                "toolExecutionNotifications": [_notification(problem) for problem in problems],
            }],
            "results": results,
        }],
    }
    import json  # only for this format

    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _github_problem(problem: Problem) -> str:
    where = ""
    if problem.path is not None:
        where = f" file={_escape_property(problem.path)}"
        if problem.line:
            where += f",line={problem.line}"
            if problem.column:
                where += f",col={problem.column}"
    return f"::error{where}{',' if where else ' '}title=wscc::{_escape_data(str(problem))}\n"


def github(findings: list[Located], problems: list[Problem] = ()) -> str:
    return "".join(_github_problem(problem) for problem in problems) + "".join(
        f"::{_level(f.code)} file={_escape_property(path)},line={f.line},col={f.col + 1},"
        f"endLine={f.end_line},endColumn={f.end_col + 1},title={f.code}::"
        f"{_escape_data(f'{f.code} {f.message}')}\n"
        for path, f in findings
    )


FORMATS: dict[str, Callable[[list[Located], list[Problem]], str]] = {
    "default": default,
    "json": as_json,
    "sarif": sarif,
    "github": github,
}
