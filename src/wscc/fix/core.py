"""Fixing one file's bytes: the cheap gates, the plan, the libcst rewrite, safe mode.

The detector and the planner are imported only when a file passes the text gate, libcst
only when a file has something to rename.
"""

from __future__ import annotations

import warnings
from collections import Counter
from dataclasses import dataclass, field

from wscc.files import SourceError, decode
from wscc.gate import might_send
from wscc.settings import DEFAULT_SETTINGS, Settings


@dataclass
class FileResult:
    path: str
    original: bytes = b""
    new: bytes | None = None  # ``None``: unchanged
    fixed: int = 0
    skipped: Counter = field(default_factory=Counter)
    #: (old value, new expression) of each renamed literal, in source order.
    renamed: list = field(default_factory=list)
    problem: str | None = None  # one line, naming the file

    @property
    def changed(self) -> bool:
        return self.new is not None and self.new != self.original


def fix_bytes(data: bytes, path: str, settings: Settings, safe: bool = True, project=None) -> FileResult:
    """What ``wscc-fix`` would make of one file; never raises for bad input."""
    result = FileResult(path, data)
    try:
        text, encoding = decode(data, path)
    except SourceError as error:
        result.problem = str(error)
        return result
    if not might_send(text) and not (project is not None and project.might_call(text, path)):
        return result
    from wscc import detector
    from wscc.check import parse
    from wscc.fix.plan import PlanError, plan_module

    try:
        tree = parse(text, path)  # the same messages as ``wscc``
        model, findings = detector.analyse(tree, settings, text, project=project, path=path)
        if not findings:
            return result
        plan = plan_module(model, text, findings)
    except SourceError as error:
        result.problem = str(error)
        return result
    except PlanError as error:
        result.problem = f"{path}: not rewritten: {error}"
        return result
    except RecursionError:
        result.problem = f"{path}: cannot analyse: expression nested too deeply"
        return result
    result.skipped = plan.skipped
    if not plan.edits:
        return result
    from wscc.fix import rewrite, safety  # libcst only for files that need an edit

    try:
        new_text = rewrite.rewrite_text(text, plan)
        if safe:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # the input's own SyntaxWarnings again
                safety.check(tree, text, new_text, plan)
            safety.check_layout(text, new_text, plan)
        new = new_text.encode(encoding)
    except RecursionError:
        result.problem = f"{path}: not rewritten: expression nested too deeply"
        return result
    except (rewrite.RewriteError, safety.UnsafeRewrite) as error:
        result.problem = f"{path}: not rewritten: {error}"
        result.skipped = plan.skipped + Counter({"unsafe rewrite": len(plan.edits)})
        return result
    except UnicodeEncodeError as error:
        result.problem = f"{path}: not rewritten: cannot encode as {encoding}: {error.reason}"
        return result
    if data.startswith(b"\xef\xbb\xbf") and not new.startswith(b"\xef\xbb\xbf"):
        new = b"\xef\xbb\xbf" + new  # a BOM with a utf-8 cookie decodes as plain utf-8
    result.new = new
    result.fixed = len(plan.edits)
    result.renamed = [(edit.value, edit.expression) for edit in sorted(plan.edits, key=lambda e: (e.line, e.col))]
    return result


def fix_text(source: str, settings: Settings = DEFAULT_SETTINGS, safe: bool = True) -> str:
    """Convenience for tests and tools: the rewritten source (unchanged if nothing to do)."""
    result = fix_bytes(source.encode("utf-8"), "<string>", settings, safe)
    if result.problem:
        raise ValueError(result.problem)
    return result.new.decode("utf-8") if result.new is not None else source
