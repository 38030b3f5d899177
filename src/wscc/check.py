"""Check one file: read, decode, parse, detect, apply ``# noqa``.

The pipeline behind the ``wscc`` command (and the candidate search of ``wscc-fix``);
every failure becomes a one-line message naming the file, never a traceback.
"""

from __future__ import annotations

import os
import sys

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from wscc.gate import might_send
from wscc.files import SourceError, decode, read_source

if TYPE_CHECKING:
    import ast

    from wscc.detector import Finding
    from wscc.settings import Settings


@dataclass
class Checked:
    path: str
    findings: list[Finding] = field(default_factory=list)
    #: One line naming the file, when it could not be read or parsed.
    error: str | None = None


def parse(text: str, path: str) -> ast.Module:
    """``ast.parse`` with every failure turned into ``SourceError`` (one line)."""
    import ast  # a run where no file passes the gate never parses
    import warnings

    try:
        with warnings.catch_warnings():
            # Invalid escape sequences and the like are not ours to report.
            warnings.simplefilter("ignore")
            return ast.parse(text, filename=path)
    except SyntaxError as error:
        where = f"{error.lineno}:{(error.offset or 0)}" if error.lineno else "1:0"
        raise SourceError(f"{path}:{where}: cannot parse: {error.msg}") from None
    except (ValueError, TypeError) as error:
        raise SourceError(f"{path}: cannot parse: {error}") from None
    except (RecursionError, MemoryError):
        raise SourceError(f"{path}: cannot parse: too deeply nested or too large for Python's parser") from None


def unsuppressed(findings: list[Finding], text: str) -> list[Finding]:
    """Drop findings covered by a ``# noqa`` (where flake8 would look for one)."""
    from wscc.noqa import Suppressions  # only with findings

    suppressions = Suppressions(text)
    return [finding for finding in findings if not suppressions.covers(finding.line, finding.code)]


def check_text(text: str, path: str, settings: Settings, disable_noqa: bool = False, project=None) -> Checked:
    """``project`` (``wscc.project.build.Project``): follow codes through its modules."""
    if not might_send(text) and not (project is not None and project.might_call(text, path)):
        return Checked(path)
    # Imported here: a run where no file passes the gate never loads the detector.
    from wscc.detector import detect

    try:
        tree = parse(text, path)
        findings = detect(tree, settings, text, project=project, path=path)
    except SourceError as error:
        return Checked(path, error=str(error))
    except RecursionError:
        return Checked(path, error=f"{path}: cannot analyse: expression nested too deeply")
    if findings and not disable_noqa:
        findings = unsuppressed(findings, text)
    return Checked(path, findings)


def check_bytes(data: bytes, path: str, settings: Settings, disable_noqa: bool = False, project=None) -> Checked:
    try:
        text, _encoding = decode(data, path)
    except SourceError as error:
        return Checked(path, error=str(error))
    return check_text(text, path, settings, disable_noqa, project)


def read_candidate(path: str, project=None) -> tuple[str | None, Checked | None]:
    """The file's text if it might send a close code, or call a project module's wrapper
    (``None`` if it cannot), or a ``Checked`` naming why it could not be read."""
    # What an index build read (loaded only when a project was indexed); an empty one, and
    # no project, spare the ``abspath`` of every file of a large tree.
    read_ahead = getattr(sys.modules.get("wscc.project.build"), "READ_AHEAD", None)
    absolute = os.path.abspath(path) if read_ahead or project is not None else path
    read = read_ahead.pop(absolute, None) if read_ahead else None
    if read is not None and (read[0] is not None or not read[1]):
        text, gated = read  # the index build read and gated this file already
        if text is None:
            return None, None  # unchanged since the last run, and neither sends nor calls a wrapper
    else:
        try:
            _data, text = read_source(path)
        except SourceError as error:
            return None, Checked(path, error=str(error))
        gated = might_send(text)
    candidate = gated or (project is not None and project.might_call(text, absolute))
    return (text if candidate else None), None
