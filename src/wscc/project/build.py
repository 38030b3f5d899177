"""Building the project index for a run: which modules matter, and their summaries.

``Project.for_paths(paths, ...)`` finds the project the paths belong to
(``wscc.project.layout``), reads its modules once, and summarizes those that matter: the
ones that can send a close code (the text gate), then, to a fixed point, the ones that
import an indexed module with something to offer (a wrapper, a library subclass, an
instance) — callers' wrappers of wrappers are wrappers too.  Summaries are cached by
file content (``wscc.project.cache``) when a cache is given, so that an unchanged
project costs little more than a read per file.
"""

from __future__ import annotations

import ast
import functools
import json
import os
import re
from pathlib import Path
from typing import Callable, Iterable, Iterator

from wscc.files import SourceError, decode
from wscc.gate import might_send
from wscc.dotted import resolve_relative
from wscc.project.cache import key_for_bytes
from wscc.project.index import ProjectIndex, offering

#: Files this process's index build has read: absolute path -> (text, passed the text
#: gate?), so that the checking pass that follows reads and gates each file once
#: (``wscc.check.read_candidate`` takes them out as it goes).
READ_AHEAD: dict[str, tuple[str, bool]] = {}

#: Rounds of re-summarizing callers of wrappers before the index is taken as settled.
_MAX_ROUNDS = 4


class Project:
    """One project's layout and index, as every front end sees it."""

    def __init__(self, layout, index: ProjectIndex) -> None:
        self.layout = layout
        self.index = index

    def might_call(self, text: str) -> bool:
        """Can a module with this text call one of the project's wrappers?  A cheap text
        test (the name of a module that offers one), as the gate is for libraries."""
        return any(tail in text for tail in self._tails)

    @functools.cached_property
    def _tails(self) -> frozenset[str]:
        return frozenset(module.rpartition(".")[2] for module, summary in self.index.summaries.items()
                         if offering(summary))

    def module_of(self, path: str) -> tuple[str | None, bool]:
        """(dotted module name, is it a package ``__init__``) of a file, if in the project."""
        name = self.layout.module_name(Path(path))
        return name, bool(name) and Path(path).name == "__init__.py"

    @classmethod
    def for_paths(cls, paths: Iterable[str], settings_for: Callable, *, root: str | None = None,
                  is_excluded: Callable[[str], bool] | None = None, cache=None,
                  only_if_used: bool = True, listings=None) -> "Project | None":
        """The project of a root (configured, or found from the paths); ``None`` without
        one: a folder with no ``pyproject.toml``, ``setup.cfg``, ``setup.py`` or ``.git``
        is not taken for a project (``/tmp`` is not one).  ``only_if_used``: not when no
        given file can send or import a project module (the flake8 plugin, which indexes
        once for every file it will be given, says ``False``).  ``listings``: the run's
        folder listings (``wscc.files.Listings``), when the caller has walked the tree."""
        from wscc.project.layout import ROOT_MARKERS, Layout, find_root

        paths = [path for path in paths if path != "-"]
        if not paths and root is None:
            return None
        found = find_root(paths, root)
        if root is None and not any((found / marker).exists() for marker in ROOT_MARKERS):
            return None
        layout = Layout(found, listings=listings)
        if paths and root is None and not any(
                layout.module_name(path) for path in paths if path.endswith((".py", ".pyi"))):
            return None  # none of the files is a module of that project (a hidden or outside folder)
        if only_if_used and paths and not any(_may_use_the_project(path, layout) for path in paths):
            return None  # no given file can send, nor imports a module of the project
        if cache is True:
            from wscc import __version__
            from wscc.project.cache import SummaryCache

            cache = SummaryCache(found, f"wscc {__version__} summaries 1")
        return cls(layout, _Builder(layout, settings_for, cache or None).build(is_excluded))


class _Builder:
    def __init__(self, layout, settings_for: Callable, cache) -> None:
        self.layout = layout
        self.settings_for = settings_for
        self.cache = cache
        self.texts: dict[str, tuple[str, str]] = {}  # module -> (path, text)
        #: Content keys of the modules whose own summary is cached.
        self.keys: dict[str, str] = {}

    def build(self, is_excluded) -> ProjectIndex:
        candidates, others = self._read(is_excluded)
        root = str(self.layout.root)
        index = ProjectIndex({}, {module: os.path.relpath(path, root) for module, (path, _text) in self.texts.items()})
        for module in candidates:
            self._own_summary(module, index)
        if not any(offering(summary) for summary in index.summaries.values()):
            return index  # nothing any module could call: no callers, no re-exports to read
        for module in others:
            if self.texts[module][0].endswith("__init__.py") and "import" in self.texts[module][1]:
                self._imports_only(module, index)  # a package's re-exports
        for _round in range(_MAX_ROUNDS):
            before = json.dumps(index.summaries, sort_keys=True, default=str)
            callers = [module for module in candidates if self._calls_others(module, index)]
            for module in callers + self._callers(others, index):
                self._summarize(module, index)
            if json.dumps(index.summaries, sort_keys=True, default=str) == before:
                break
        return index

    def _read(self, is_excluded) -> tuple[list[str], list[str]]:
        candidates, others = [], []
        for module, path in self.layout.iter_modules(is_excluded):
            try:
                data = _read_bytes(path)
                text, _encoding = decode(data, path)
            except (OSError, SourceError):
                continue  # the checking run reports unreadable files itself
            self.texts[module] = (str(path), text)
            gated = might_send(text)
            READ_AHEAD[os.path.abspath(path)] = (text, gated)
            if gated:
                candidates.append(module)
                self.keys[module] = key_for_bytes(data)
            else:
                others.append(module)
        return candidates, others

    def _callers(self, others: list[str], index: ProjectIndex) -> list[str]:
        """Modules that import an indexed module with something to offer: a cheap text
        test on its name first, then the module's import lines, resolved."""
        useful = [module for module, summary in index.summaries.items() if offering(summary)]
        tails = {module.rpartition(".")[2] for module in useful}
        return [module for module in others
                if any(tail in self.texts[module][1] for tail in tails) and self._imports_offering(module, index)]

    def _imports_offering(self, module: str, index: ProjectIndex) -> bool:
        path, text = self.texts[module]
        package = module if path.endswith("__init__.py") else module.rpartition(".")[0]
        return any(index.offers(target) for target in _imported_modules(text, package))

    def _imports_only(self, module: str, index: ProjectIndex) -> None:
        """A package ``__init__`` that cannot send: only what it re-exports (no model)."""
        path, text = self.texts[module]
        try:
            tree = ast.parse(text, path)
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            return
        index.summaries[module] = _imports_summary(module, tree, module)  # a package __init__

    def _own_summary(self, module: str, index: ProjectIndex) -> None:
        """A module's summary on its own (no other module's wrappers), from the cache when
        its content has not changed."""
        path = self.texts[module][0]
        cached = self.cache.get(path, self.keys[module]) if self.cache is not None else None
        if cached is not None:
            try:
                index.summaries[module] = json.loads(cached)
                return
            except ValueError:
                pass  # damaged: made again below
        summary = self._summarize(module, ProjectIndex({}, index.paths), store=index, alone=True)
        if summary is not None and self.cache is not None:
            self.cache.put(path, self.keys[module], json.dumps(summary).encode())

    def _calls_others(self, module: str, index: ProjectIndex) -> bool:
        """Does the module import another indexed module that offers something?"""
        summary = index.summaries.get(module)
        return bool(summary) and any(index.offers(qualname) and not qualname.startswith(module + ".")
                                     for qualname in summary["imports"].values())

    def _summarize(self, module: str, index: ProjectIndex, store: ProjectIndex | None = None,
                   alone: bool = False) -> dict | None:
        """The module's summary; ``alone``: without other modules' wrappers, so a module
        that imports no WebSocket library (and holds no close message) offers nothing."""
        from wscc.detector import could_send
        from wscc.model import ModuleModel
        from wscc.project.summary import summarize

        path, text = self.texts[module]
        try:
            tree = ast.parse(text, path)
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            return None
        if alone and not could_send(tree, text):
            package = module if path.endswith("__init__.py") else module.rpartition(".")[0]
            summary = _imports_summary(module, tree, package)  # it can send nothing by itself
            (store if store is not None else index).summaries[module] = summary
            return summary
        model = ModuleModel(tree, self.settings_for(path), module_name=module,
                            is_package=Path(path).name == "__init__.py", project=index or None)
        try:
            summary = summarize(model)
        except RecursionError:
            return None
        (store if store is not None else index).summaries[module] = summary
        return summary


#: An import line (a parenthesized ``from`` import's first line is enough for its source).
_IMPORT_LINE = re.compile(r"^[ \t]*(?:from[ \t]+(?P<source>\.*[\w.]*)[ \t]+import|import)[ \t]+(?P<names>[^\n#;]+)",
                          re.MULTILINE)


def _imported_modules(text: str, package: str) -> Iterator[str]:
    """The absolute names an import line of ``text`` reads (a module, or a name in one)."""
    for match in _IMPORT_LINE.finditer(text):
        source, names = match.group("source"), match.group("names")
        parts = [part.split(" as ")[0].strip(" ()") for part in names.split(",")]
        if source is None:  # ``import a.b as c, d``
            yield from (part for part in parts if part)
            continue
        level = len(source) - len(source.lstrip("."))
        base = resolve_relative(level, source[level:] or None, package)
        if base is not None:
            yield base
            yield from (f"{base}.{part}" for part in parts if part)


@functools.lru_cache(maxsize=4096)
def _root_of_folder(folder: str) -> Path:
    """``find_root`` of a folder, reusing its parent's answer when it holds no marker."""
    from wscc.project.layout import ROOT_MARKERS, find_root

    parent = os.path.dirname(folder)
    if parent == folder or any(os.path.exists(os.path.join(folder, marker)) for marker in ROOT_MARKERS):
        return find_root([folder])
    found = _root_of_folder(parent)
    if any(os.path.exists(os.path.join(str(found), marker)) for marker in ROOT_MARKERS):
        return found
    return find_root([folder])  # no marker above: find_root's own rule for bare trees


def root_of(path: str) -> Path:
    """The project root of a file (one look-up per folder, not per file)."""
    return _root_of_folder(os.path.dirname(os.path.abspath(path)) or ".")


def _may_use_the_project(path: str, layout) -> bool:
    """Can this file send a close code, or import one of the project's modules?  Read
    once (the checking pass takes the text from ``READ_AHEAD``)."""
    try:
        text, _encoding = decode(_read_bytes(path), path)
    except (OSError, SourceError):
        return False
    gated = might_send(text)
    READ_AHEAD[os.path.abspath(path)] = (text, gated)
    if gated:
        return True
    module = layout.module_name(path) or ""
    package = module if path.endswith("__init__.py") else module.rpartition(".")[0]
    return any(layout.file_of(target.split(".")[0]) is not None for target in _imported_modules(text, package))


def _read_bytes(path: str) -> bytes:
    with open(path, "rb") as handle:
        return handle.read()


def _imports_summary(module: str, tree: ast.Module, package: str | None = None) -> dict:
    """The summary of a module that offers nothing itself: what it imports (re-exports)."""
    from wscc.model.imports import qualnames_of_import, statement_imports

    imports = {local: qualname for node in statement_imports(tree)
               for local, qualname in qualnames_of_import(node, package)}
    return {"module": module, "imports": imports, "functions": {}, "classes": {}, "instances": {}}


class Projects:
    """The projects a run's paths belong to (usually one), each indexed once."""

    def __init__(self, by_root: dict, configured: bool = False) -> None:
        self.by_root = by_root
        self.configured = configured  # one configured root: every path is in it

    def for_path(self, path: str) -> Project | None:
        if self.configured:
            return next(iter(self.by_root.values()), None)
        return self.by_root.get(root_of(path))


def projects_for(paths: Iterable[str], config, listings=None) -> Projects | None:
    """The projects the paths belong to, indexed, for ``wscc`` and ``wscc-fix`` (``None``
    when following across modules is off, or nothing in them offers anything).  Paths in
    different projects are indexed apart (the same module name may mean two files)."""

    if not config.follow_imports:
        return None
    if config.project_root is not None:
        groups = {Path(config.project_root).resolve(): list(paths)}
    else:
        groups: dict = {}
        for path in paths:
            groups.setdefault(root_of(path), []).append(path)
    by_root = {}
    for root, members in groups.items():
        project = Project.for_paths(members, config.settings_for, root=config.project_root,
                                    is_excluded=config.is_excluded, cache=config.cache, listings=listings)
        if project is not None and project.index:
            by_root[root] = project
    return Projects(by_root, configured=config.project_root is not None) if by_root else None
