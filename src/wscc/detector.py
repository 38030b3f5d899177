"""Turn a parsed module into close-code findings.

The one detector behind every front end (the flake8 plugin, ``wscc``, ``wscc-fix``).  It
needs only an ``ast.Module``; it never imports the analysed code or the WebSocket
libraries.  Data flows one way:

    ModuleModel (wscc.model) -> sends (wscc.sends, wscc.following)
        -> checks (wscc.checks, in wscc.rules' severity order) -> findings
        -> the fix each finding carries (wscc.spelling)
"""

from __future__ import annotations

import ast
import dataclasses
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator

from wscc import following
from wscc.checks import (
    FIXABLE, FORWARDED_CHECKS, REASON_CHECKS, VALUE_CHECKS, Forwarded, Replacement, Subject, first_finding,
    peer_exception_names,
)
from wscc.gate import might_send
from wscc.libraries import BY_IMPORT, BY_NAME
from wscc.model import ModuleModel, child_fields
from wscc.model.imports import absolute_module, import_roots, statement_imports
from wscc.rules import SEVERITY
from wscc.messages import message_types
from wscc.sends import Send, find_sends
from wscc.settings import DEFAULT_SETTINGS, Settings
from wscc.spelling import ERROR_RULE, NO_CONSTANT, NO_NAME, Fix, Speller


@dataclass(frozen=True)
class Finding:
    code: str
    message: str
    line: int
    col: int  # 0-based, as in ``ast``
    end_line: int
    end_col: int
    library: str
    value: object = None
    replacement: Replacement | None = None
    #: The code (or reason) expression reported; the fixer rewrites exactly this node.
    node: ast.expr | None = field(default=None, compare=False, repr=False)
    #: What ``wscc-fix`` writes instead of the literal, when it can rewrite it.
    fix: Fix | None = field(default=None, compare=False, repr=False)
    #: Why it cannot, when ``fix`` is ``None``.
    unfixable: str | None = field(default=None, compare=False, repr=False)
    #: Other places the finding involves: (path, line, text), e.g. the wrapper in another
    #: module the code goes through.
    related: tuple = field(default=(), compare=False, repr=False)

    @property
    def text(self) -> str:
        return f"{self.code} {self.message}"


#: The analyses that follow a close code beyond the call that sends it (``wscc.following``);
#: ``detect(..., follow=())`` judges direct sends only (the evaluation script compares both).
FOLLOW_ALL = ("receivers", "wrappers", "forwarded")

_MESSAGE_TYPES = message_types()


def could_send(tree: ast.Module, source: str | None = None) -> bool:
    """Can the module contain a send at all?  It must import a known library or hold a
    close message (ASGI's ``websocket.close``); ``source`` (when given) answers the
    latter without a walk."""
    for node in statement_imports(tree):
        if any(root in BY_IMPORT for root in import_roots(node)):
            return True
    if source is not None:
        return any(message_type in source for message_type in _MESSAGE_TYPES)
    return any(isinstance(node, ast.Constant) and node.value in _MESSAGE_TYPES for node in ast.walk(tree))


def _finding(code: str, message: str, node: ast.expr, send: Send, value, replacement=None,
             bound_at: tuple[str, str, int] | None = None) -> Finding:
    """``bound_at``: (the name, the file, the line) where another module binds the code."""
    related = ()
    if send.via:
        via = send.via
        message = f"{message} (it reaches the close through {via['name']}, {via['path']}:{via['line']})"
        related = ((via["path"], via["line"], f"{via['name']} sends the close code"),)
    if bound_at is not None:
        name, where, line = bound_at
        message = f"{message} ({name} comes from {where}:{line})"
        related += ((where, line, f"where {name} gets its value"),)
    return Finding(
        code, message, node.lineno, node.col_offset,
        getattr(node, "end_lineno", node.lineno) or node.lineno,
        getattr(node, "end_col_offset", node.col_offset) or node.col_offset,
        send.library.name, value, replacement, node, related=related,
    )


def _means_no_code(value, send: Send) -> bool:
    """Does the resolved value mean "no close code" at this parameter (``None``,
    Channels' ``close=True``, websockets' ``fail(1006)`` which drops TCP without a frame,
    wsproto's ``CloseReason.NO_STATUS_RCVD`` itself)?"""
    parameter = send.code_parameter
    if any(value.value in m.values and m.applies(value.value, send.has_reason) for m in parameter.mangled):
        return False  # ws4py's ``close(None, "r")``: no code, but a broken frame (WSC112)
    if value.constant and value.constant.rpartition(".")[2] in parameter.no_code_members:
        return True
    return any(type(value.value) is type(v) and value.value == v for v in parameter.not_a_code)


def _send_findings(model: ModuleModel, send: Send, enabled: Callable[[str], bool]) -> Iterator[Finding]:
    """The most severe enabled rule for each code expression the send may pass (both arms
    of ``a if c else b``, each at its own position), and for its reason."""
    if send.code_node is not None:
        for node, scope, named in model.alternatives(send.code_node, send.scope):
            branch = send if node is send.code_node else send.branch(node, scope)
            for value in model.resolve_all(node, scope):
                if _means_no_code(value, send):
                    continue
                found = first_finding(VALUE_CHECKS, Subject(branch, value, model, named), enabled)
                if found:
                    bound_at = (value.spelled, *value.origin) if value.origin else None
                    finding = _finding(*found[:2], node, branch, value.value, found[2], bound_at)
                    # A literal of another module is named where it is written, not here.
                    elsewhere = value.literal_at_origin and finding.code in FIXABLE
                    yield _replace(finding, None, WRITTEN_ELSEWHERE) if elsewhere else finding
    found = first_finding(REASON_CHECKS, send, enabled)
    if found:
        yield _finding(found[0], found[1], send.reason_node, send, None)


def _forwarded_findings(model: ModuleModel, sends: list[Send], enabled: Callable[[str], bool]) -> Iterator[Finding]:
    """Codes whose value cannot be known, judged by where they come from."""
    cache: dict[str, dict] = {}

    def peer_exceptions() -> dict:
        if "names" not in cache:
            cache["names"] = peer_exception_names(model.tree)
        return cache["names"]

    for send in sends:
        if send.code_node is None or model.resolve(send.code_node, send.scope) is not None:
            continue
        found = first_finding(FORWARDED_CHECKS, Forwarded(send, model, peer_exceptions), enabled)
        if found:
            yield _finding(found[0], found[1], send.code_node, send, None)


def _findings(model: ModuleModel, follow: set[str]) -> list[Finding]:
    enabled = model.settings.enabled
    sends = find_sends(model)
    coded = [send for send in sends if send.code_node is not None]
    extra = following.receiver_sends(model, coded) if "receivers" in follow else []
    kept_elsewhere = []  # this module's classes whose attribute another module sends
    if model.project and "wrappers" in follow:
        from wscc.project.crossing import cross_module_sends, own_sink_wrappers

        extra += cross_module_sends(model)
        kept_elsewhere = own_sink_wrappers(model)
    forwarding = following.forwarding_sends(model) if "wrappers" in follow else []
    through = following.wrapper_sends(model, coded + extra + forwarding, kept_elsewhere) + forwarding \
        if "wrappers" in follow else []
    # The names the module sends as close codes, before any check suggests one.
    model.note_close_codes((send.code_node, send.scope) for send in coded + extra + through
                           if send.code_node is not None)
    findings = [finding for send in sends + extra + through for finding in _send_findings(model, send, enabled)]
    if "forwarded" in follow:
        findings += _forwarded_findings(model, coded + extra + through, enabled)
    return findings


def _most_severe_per_position(findings: list[Finding]) -> list[Finding]:
    """A code expression reached both directly and through a wrapper is reported once,
    with its most severe enabled rule (what wscc-fix and ``# noqa`` expect)."""
    findings.sort(key=lambda f: (f.line, f.col, SEVERITY[f.code]))
    unique: dict[tuple[int, int], Finding] = {}
    for finding in findings:
        unique.setdefault((finding.line, finding.col), finding)
    return list(unique.values())


#: Why a magic number reached through another module's attribute is not named here.
WRITTEN_ELSEWHERE = "the literal is written in another module"


def _why_unfixable(finding: Finding) -> str:
    if finding.code.startswith("WSC1"):
        return ERROR_RULE
    return NO_CONSTANT if finding.code == "WSC202" else NO_NAME


def _with_fixes(model: ModuleModel, findings: list[Finding]) -> list[Finding]:
    """Each finding with the fix ``wscc-fix`` would make, or why it makes none."""
    speller: Speller | None = None
    result = []
    for finding in findings:
        if finding.code not in FIXABLE or finding.replacement is None or finding.unfixable:
            result.append(_replace(finding, None, finding.unfixable or _why_unfixable(finding)))
            continue
        library = BY_NAME.get(finding.library)
        if finding.related and not _imported_here(model, library):
            result.append(_replace(finding, None, NOT_IMPORTED_HERE))
            continue
        speller = speller or Speller(model)
        fix = speller.spell(finding.node, finding.replacement, library)
        result.append(_replace(finding, fix, None) if isinstance(fix, Fix) else _replace(finding, None, fix))
    return result


#: Why a literal that reaches the library through another module keeps its value.
NOT_IMPORTED_HERE = "the library is not imported unconditionally in this module"


def _imported_here(model: ModuleModel, library) -> bool:
    """Is the library imported unconditionally at this module's top level?"""
    roots = set(library.imports) if library is not None else set()
    return bool(roots & model.import_table.roots_unconditional())


def _replace(finding: Finding, fix: Fix | None, why: str | None) -> Finding:
    return dataclasses.replace(finding, fix=fix, unfixable=why)


def analyse(tree: ast.Module, settings: Settings = DEFAULT_SETTINGS, source: str | None = None,
            *, follow: Iterable[str] = FOLLOW_ALL, project=None,
            path: str | None = None) -> tuple[ModuleModel | None, list[Finding]]:
    """The module's model (``None`` when it cannot send at all) and its findings.

    ``project`` (a ``wscc.project.Project``) with the module's ``path`` lets codes be
    followed through the project's other modules."""
    module_name, is_package = project.module_of(path) if project is not None and path else (None, False)
    index = project.index if project is not None else None
    if not could_send(tree, source) and not (index and (
            _imports_from(tree, index, module_name, is_package) or index.module_offers(module_name))):
        return None, []
    model = ModuleModel(tree, settings, module_name=module_name, is_package=is_package, project=index)
    findings = _most_severe_per_position(_findings(model, set(follow)))
    return model, _with_fixes(model, findings)


def _imports_from(tree: ast.Module, index, module_name: str | None, is_package: bool) -> bool:
    """Does the module import one of the indexed modules (a caller of their wrappers)?"""
    package = module_name if is_package else (module_name.rpartition(".")[0] if module_name else None)
    for node in statement_imports(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        else:
            module = absolute_module(node, package)
            names = [module, *(f"{module}.{alias.name}" for alias in node.names)] if module else []
        if any(index.offers(name) for name in names):
            return True
    return False


def detect(tree: ast.Module, settings: Settings = DEFAULT_SETTINGS, source: str | None = None,
           *, follow: Iterable[str] = FOLLOW_ALL, project=None, path: str | None = None) -> list[Finding]:
    """Every finding in a module, sorted by position; one per position at most.

    ``source``, the module's text, is optional; with it a module that imports no
    WebSocket library is dismissed without walking its expressions."""
    return analyse(tree, settings, source, follow=follow, project=project, path=path)[1]


def detect_source(source: str, settings: Settings = DEFAULT_SETTINGS, filename: str = "<unknown>") -> list[Finding]:
    """Parse and detect; raises ``SyntaxError``/``ValueError`` for unparsable input."""
    if not might_send(source):
        return []
    return detect(ast.parse(source, filename), settings, source)


__all__ = [
    "FOLLOW_ALL", "DEFAULT_SETTINGS", "Finding", "Replacement", "Settings", "analyse", "child_fields",
    "could_send", "detect", "detect_source", "might_send",
]
