"""Building the project index for a run: which modules matter, and their summaries.

``Project.for_paths(paths, ...)`` finds the project the paths belong to
(``wscc.project.layout``), reads its modules once, and summarizes those that matter: the
ones that can send a close code (the text gate), then, to a fixed point, the ones that
import an indexed module with something to offer (a wrapper, a library subclass, an
instance) — callers' wrappers of wrappers are wrappers too.  Summaries are cached by
file content (``wscc.project.cache``) when a cache is given, so that an unchanged
project costs little more than a read per file.  The first run on a large project
shares that read with a helper process (``wscc.project.helper``).
"""

from __future__ import annotations

import functools
import os
import re
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Iterator

from wscc.files import SourceError, decode, read_bytes
from wscc.gate import might_send
from wscc.dotted import resolve_relative
from wscc.project.cache import key_for_text
from wscc.project.helper import FORK_FROM, RemoteShare, can_fork
from wscc.project.index import ProjectIndex, Screen

if TYPE_CHECKING:
    import ast

#: Files this process's index build has seen: absolute path -> (text, passed the text
#: gate?), so that the checking pass that follows reads and gates each file once
#: (``wscc.check.read_candidate`` takes them out as it goes).  The text is ``None`` for a
#: file the manifest answered for: then a candidate is read again, and a file that did
#: not pass the gate is not a candidate at all (``_settle_read_ahead``).
READ_AHEAD: dict[str, tuple[str, bool]] = {}

#: At most this many screened words are remembered in the manifest (they accumulate as
#: modules come to offer things and stop); past it, only the last run's.
_MAX_SCREENED = 512

#: A ``READ_AHEAD`` entry for a module that neither sends nor calls anything.
_SETTLED = (None, False)

#: Rounds of re-summarizing callers of wrappers before the index is taken as settled.
_MAX_ROUNDS = 4

#: Up to this many files to check, the index holds only what matters to them (their
#: imports, to a fixed point, and the modules the manifest knows can send) instead of the
#: whole project, once a walk of the whole project has written a complete manifest: a
#: pre-commit run on a few changed files costs what their imports cost, not a walk.
DEMAND_LIMIT = 50


class Project:
    """One project's layout and index, as every front end sees it."""

    def __init__(self, layout, index: ProjectIndex) -> None:
        self.layout = layout
        self.index = index

    def might_call(self, text: str, path: str | None = None) -> bool:
        """Can a module with this text (at ``path``) call one of the project's wrappers?
        A cheap text test (``Screen``: the name of a module that offers or re-exports
        one, or a relative import), as the gate is for libraries; or the module offers
        something itself (an interface its own code calls)."""
        return self._screen.passes(text) or (
            path is not None and bool(self._offering_files) and os.path.abspath(path) in self._offering_files)

    @functools.cached_property
    def _offering_files(self) -> frozenset[str]:
        """The files of the modules that offer something themselves."""
        root = str(self.layout.root)
        return frozenset(os.path.join(root, self.index.paths[module]) for module in self.index.offering_modules()
                         if module in self.index.paths)

    @functools.cached_property
    def _screen(self) -> Screen:
        return Screen(self.index.offer_words())

    def module_of(self, path: str) -> tuple[str | None, bool]:
        """(dotted module name, is it a package ``__init__``) of a file, if in the project."""
        name = self.layout.module_name(Path(path))
        return name, bool(name) and Path(path).name == "__init__.py"

    @classmethod
    def for_paths(cls, paths: Iterable[str], settings_for: Callable, *, root: str | None = None,
                  is_excluded: Callable[[str], bool] | None = None, cache=None,
                  only_if_used: bool = True, listings=None, read_ahead: bool = True,
                  found_root: Path | None = None, jobs: int = 1) -> "Project | None":
        """The project of a root (configured, or found from the paths); ``None`` without
        one: a folder with no ``pyproject.toml``, ``setup.cfg``, ``setup.py`` or ``.git``
        is not taken for a project (``/tmp`` is not one).  ``only_if_used``: not when no
        given file (of at most ``DEMAND_LIMIT``) can send or import a project module; with
        it, up to ``DEMAND_LIMIT`` files get an index of what matters to them only (the
        flake8 plugin, which indexes once for every file it will be given, says ``False``:
        the whole project).  ``listings``: the run's folder listings
        (``wscc.files.Listings``), when the caller has walked the tree.
        ``read_ahead``: keep what the build read in ``READ_AHEAD`` for a checking pass
        (the flake8 plugin, which has flake8's lines, says ``False``).  ``jobs``: the
        processes the run may use (a first read of a large project uses two)."""
        from wscc.project.layout import ROOT_MARKERS, Layout, find_root

        READ_AHEAD.clear()  # nothing read before this build counts for it
        paths = [path for path in paths if path != "-"]
        if not paths and root is None:
            return None
        found = found_root or find_root(paths, root)  # ``found_root``: the caller has looked it up
        if root is None and not any((found / marker).exists() for marker in ROOT_MARKERS):
            return None
        layout = Layout(found, listings=listings)
        if paths and root is None and not any(
                layout.module_name(path) for path in paths if path.endswith((".py", ".pyi"))):
            return None  # none of the files is a module of that project (a hidden or outside folder)
        manifest = None
        if cache is True:
            from wscc.project.cache import Manifest

            cache = summary_cache(found)
            manifest = Manifest(cache)
        if only_if_used and 0 < len(paths) <= DEMAND_LIMIT and not any(
                _may_use_the_project(path, layout, manifest) for path in paths):
            return None  # no given file can send, nor imports a module of the project
        # (Many files: the build reads them all anyway, and the manifest spares the next run.)
        # Only a complete manifest knows every module that can send (the implementations
        # of an interface that nothing here imports, say): the first run walks.
        demand = 0 < len(paths) <= DEMAND_LIMIT and only_if_used and manifest is not None and manifest.complete
        start = paths if demand else None
        snapshot = None
        if start is None and is_excluded is None and manifest is not None:
            # No front end walked the project (the flake8 plugin): the build's own walk is
            # remembered, so that an unchanged tree costs a stat per folder, not a listing.
            snapshot, is_excluded = _index_walk(cache, layout), _excludes_nothing
        project = cls(layout, _Builder(layout, settings_for, cache or None, manifest, jobs).build(is_excluded, start))
        if snapshot is not None and str(found) not in layout.listings.unchanged:
            snapshot.record_walk(str(found), layout.listings, _excludes_nothing)
        if not read_ahead:
            READ_AHEAD.clear()
        return project


def summary_cache(root: Path):
    """The project's cache of summaries (``wscc.project.cache.SummaryCache``), which its
    manifest lives beside."""
    from wscc import __version__
    from wscc.project.cache import SummaryCache

    return SummaryCache(root, f"wscc {__version__} summaries 5")


class _Builder:
    def __init__(self, layout, settings_for: Callable, cache, manifest=None, jobs: int = 1) -> None:
        self.layout = layout
        #: Processes the run may use: a first read of a large project shares it with one more.
        self.jobs = jobs
        self._helper: RemoteShare | None = None
        #: The modules whose text only the helper has, and whose imports are not known.
        self._held: set[str] = set()
        self.settings_for = settings_for
        self.cache = cache
        #: What the last run saw of each file (``wscc.project.cache.Manifest``), or ``None``.
        self.manifest = manifest
        # What the manifest promises of the files it recorded without their imports.
        self._screened_before = Screen(manifest.screened if manifest is not None else ())
        self._screened = Screen(())  # what this run screened every other module against
        self.paths: dict[str, str] = {}  # module -> path
        self._texts: dict[str, str | None] = {}  # module -> text, read when first needed
        #: Content keys of the modules whose own summary is cached.
        self.keys: dict[str, str] = {}
        #: The absolute names each non-candidate module's import lines read, once known.
        self.imports: dict[str, list[str]] = {}
        self._project_targets: dict[str, list[str]] = {}  # those of them in the project

    def text(self, module: str) -> str | None:
        """The module's text (read now if the manifest spared reading it), or ``None``."""
        if module not in self._texts:
            try:
                self._texts[module] = decode(read_bytes(self.paths[module])[0], self.paths[module])[0]
            except (OSError, SourceError):
                self._texts[module] = None
        return self._texts[module]

    def build(self, is_excluded, start: list[str] | None = None) -> ProjectIndex:
        """The index of the whole project, or (``start``) of what matters to those files."""
        try:
            return self._build(is_excluded, start)
        finally:
            if self._helper is not None:
                self._helper.close()
                self._helper = None

    def _build(self, is_excluded, start: list[str] | None) -> ProjectIndex:
        candidates, others = self._read(is_excluded) if start is None else self._read_from(start, is_excluded)
        # Every path is the root's own plus a tail (``Layout.iter_modules``).
        tail = len(str(self.layout.root).rstrip(os.sep)) + 1
        index = ProjectIndex({}, {module: path[tail:] for module, path in self.paths.items()})
        for module in candidates:
            self._own_summary(module, index)
        callers: set[str] = set()
        if index:  # something offered, or an attribute of a class sent (a sink)
            callers = self._add_callers(candidates, others, index)
        self._settle_read_ahead(others, index, callers)
        if self.manifest is not None:
            # Every module that can send is summarized (on demand too: the known senders),
            # so the sinks are all known.
            self.manifest.sinks_in(index.sink_modules())
            if start is None:  # every module has been screened (an index on demand sees a few)
                words = self._screened_before.words | self._screened.words
                self.manifest.screened_against(words if len(words) <= _MAX_SCREENED else self._screened.words)
            self.manifest.save(whole=start is None)
        index.root = str(self.layout.root)  # built: the checking pass may read constants
        return index

    def _add_callers(self, candidates: list[str], others: list[str], index: ProjectIndex) -> set[str]:
        """Summarize, to a fixed point, the modules that use what others offer; the
        modules of ``others`` that do (they cannot send by themselves)."""
        for module in others:
            if self.paths[module].endswith("__init__.py") and self._imported(module):
                self._imports_only(module, index)  # a package's re-exports
        import json  # only with something to offer: comparing summaries round to round

        callers: list[str] = []
        passing: list[str] = []  # the modules of ``others`` whose text passed the screen so far
        failing = others
        for _round in range(_MAX_ROUNDS):
            before = json.dumps(index.summaries, sort_keys=True, default=str)
            words = index.offer_words() | self._screened.words
            if words != self._screened.words:
                # A text that failed before has no relative import: only the new words can pass it.
                screen = Screen(words - self._screened.words)
                self._screened = Screen(words)
                now = self._screened_modules(failing, screen)
                if now:
                    passing += now
                    moved = set(now)
                    failing = [module for module in failing if module not in moved]
            calling = [module for module in candidates if self._calls_others(module, index)]
            callers = [module for module in passing if self._imports_offering(module, index)]
            interfaces = [module for module in index.base_modules() if module in self.paths]
            for module in calling + callers + interfaces:
                self._summarize(module, index)
            if json.dumps(index.summaries, sort_keys=True, default=str) == before:
                break
        return set(callers)

    def _read(self, is_excluded) -> tuple[list[str], list[str]]:
        """Every module of the project (``Layout.iter_modules``; with the module names the
        manifest recorded when no folder of the project has changed since)."""
        candidates, others = [], []
        known = None
        if self.manifest is not None and str(self.layout.root) in self.layout.listings.unchanged:
            known = self.manifest.module_names()
        modules = self.layout.iter_modules(is_excluded, known)
        if self.jobs > 1 and (self.manifest is None or not self.manifest.loaded) and can_fork():
            # A first run: nothing to look up, every file to read.  A large project shares
            # the reading with a helper process (``wscc.project.helper``).
            modules = list(modules)
            if len(modules) >= FORK_FROM:
                self._helper = RemoteShare(modules, self._read_share)
                if self._helper.start():
                    self._read_shared(candidates, others)
                    return candidates, others
                self._helper = None
        for module, path in modules:
            self._take(module, path, candidates, others)
        return candidates, others

    def _read_shared(self, candidates: list[str], others: list[str]) -> None:
        """Read the chunks the helper does not take (``RemoteShare.next_chunk``), after
        importing the analysis while it starts; then take everything in, in the order of
        the walk, as ``_take`` would have.  The chunks the helper took but did not
        answer for (it failed) are read here."""
        helper = self._helper
        _import_the_analysis()
        mine: dict[int, list[tuple[str, str, tuple | None]]] = {}
        for number in iter(helper.next_chunk, None):
            mine[number] = [(module, path, self._read_one(module, path)) for module, path in helper.chunks[number]]
        answers = helper.results()
        if answers is None:
            self._helper = None  # it failed: the texts are read here when needed
        for number, files in enumerate(helper.chunks):
            if number in mine:
                for module, path, read in mine[number]:
                    self._keep_read(module, path, read, candidates, others)
            elif answers is not None and number in answers:
                self._take_answer(files, answers[number], candidates, others)
            else:
                for module, path in files:
                    self._take(module, path, candidates, others)

    def _read_share(self, files: list[tuple[str, str]]) -> tuple[tuple, dict[str, str]]:
        """In the helper (``RemoteShare``): ``_read_one`` of each file of a chunk, and what
        the build needs of them, briefly.  Most files cannot send and were screened
        against nothing: of those, only their manifest entries (``Manifest.unsent_entries``)
        and which could not be stamped; of every other file, what ``_read_one`` made of it,
        its text only where ``_text_kept``.  The helper keeps the texts it did not send."""
        stamped: list[tuple[str, str]] = []  # the plain files with a stamp
        stamps: list[list[int]] = []
        unstamped: list[int] = []
        special: dict[int, tuple | None] = {}
        held: dict[str, str] = {}
        for number, (module, path) in enumerate(files):
            read = self._read_one(module, path)
            if read is None:
                special[number] = None
                continue
            text, _gated, _key, imports, stamp = read
            if _text_kept(path, read):
                special[number] = read
                continue
            held[module] = text
            if imports is not None:  # screened before (``_screened_before``)
                special[number] = (None, *read[1:])
            elif stamp is not None:
                stamped.append((module, path))
                stamps.append(stamp)
            elif self.manifest is not None:
                unstamped.append(number)
        entries = self.manifest.unsent_entries(stamped, stamps) if self.manifest is not None else {}
        return (entries, unstamped, special), held

    def _take_answer(self, files: list[tuple[str, str]], answer: tuple, candidates: list[str],
                     others: list[str]) -> None:
        """Take in what the helper made of a chunk (``_read_share``)."""
        entries, unstamped, special = answer
        if self.manifest is not None:
            self.manifest.record_entries(entries)
            for number in unstamped:
                self.manifest.unrecorded(files[number][1])
        start = 0
        for number in [*sorted(special), len(files)]:
            # The files up to the next special one cannot send, and only the helper has their text.
            plain = files[start:number]
            self.paths.update(plain)
            names = [module for module, _path in plain]
            others += names
            self._held.update(names)
            if number < len(files):
                module, path = files[number]
                self._keep_read(module, path, special[number], candidates, others)
            start = number + 1

    def _read_from(self, start: list[str], is_excluded) -> tuple[list[str], list[str]]:
        """The modules that matter to the files ``start``: theirs, what their import lines
        read in the project, to a fixed point, with each package ``__init__`` on the way;
        and every module the manifest knows can send (its summary is cached; wrappers
        are found where they are defined, even where nothing here imports them).  No
        walk of the project: a pre-commit run on one file costs what its imports cost."""
        candidates, others = [], []
        pending: list[tuple[str, str]] = []
        for path in start:
            module = self.layout.module_name(path)
            if module is not None:
                pending.append((module, os.path.abspath(path)))
        if self.manifest is not None:
            pending += [(module, path) for module, path in self.manifest.known_senders()]
        done: set[str] = set()
        looked_up: set[str] = set()  # names whose file is known (pending or done) or none
        while pending:
            module, path = pending.pop()
            if module in done or not self._included(path, is_excluded):
                continue
            done.add(module)
            if not self._take(module, path, candidates, others):
                continue
            for target in self._imported(module):
                name = ""
                for part in target.split("."):
                    name = f"{name}.{part}" if name else part
                    if name not in looked_up:
                        looked_up.add(name)
                        file = self.layout.path_of(name)
                        if file is not None:
                            pending.append((name, file))
        return candidates, others

    def _included(self, path: str, is_excluded) -> bool:
        """Would ``Layout.iter_modules`` list this file (not excluded, not in a hidden folder)?"""
        root = str(self.layout.root)
        relative = os.path.relpath(path, root)
        if relative.startswith(".."):
            return False
        parts = relative.split(os.sep)
        if any(part.startswith(".") for part in parts[:-1]):
            return False
        if is_excluded is None:
            return True
        folder = root
        for part in parts:
            folder = os.path.join(folder, part)
            if is_excluded(folder):
                return False
        return True

    def _take(self, module: str, path: str, candidates: list[str], others: list[str]) -> bool:
        """Read, decode and gate one module, unless the manifest says that the file is as
        the last run saw it (size, mtime, inode), which then answers for it.  ``False``
        when it cannot be read (the checking pass reports that itself)."""
        seen = self.manifest.lookup(path, module) if self.manifest is not None else None
        if seen is not None:
            gated, key, imports = seen
            READ_AHEAD.setdefault(path, (None, gated))
            self._keep(module, path, gated, key, imports, candidates, others)
            return True
        return self._keep_read(module, path, self._read_one(module, path), candidates, others)

    def _read_one(self, module: str, path: str) -> tuple | None:
        """(text, passed the gate?, content key, imports, manifest stamp) of a file read
        now, or ``None`` when it cannot be read.  The same in a helper process
        (``wscc.project.helper``): it changes nothing of the builder."""
        # The stamp is taken before the read (``read_bytes``): a write in between makes
        # it stale, never the text.  A text ``_may_use_the_project`` read was read after
        # the manifest's clock started: a write since makes the file racy, not recorded.
        stamp = None
        text = READ_AHEAD.get(path, (None,))[0]
        try:
            if text is None:
                data, info = read_bytes(path)
                text = decode(data, path)[0]
                if self.manifest is not None:
                    stamp = self.manifest.stamp(info)
            elif self.manifest is not None:
                stamp = self.manifest.stamp(path)
        except (OSError, SourceError):
            return None
        gated, imports, key = might_send(text), None, None
        if gated:  # few modules: what they import is worth keeping (an index on demand needs it)
            key = f"{key_for_text(text)} {module}"  # a summary depends on the name as much as the text
            imports = _imports_of(text, module, path)
        elif self._screened_before.passes(text):
            # The manifest records a file without its imports only if no screen of its words passes.
            imports = _imports_of(text, module, path)
        return text, gated, key, imports, stamp

    def _keep_read(self, module: str, path: str, read: tuple | None, candidates: list[str],
                   others: list[str]) -> bool:
        """Take in what ``_read_one`` made of a file (its text ``None``: a helper holds it)."""
        if read is None:
            if self.manifest is not None:
                self.manifest.unrecorded(path)
            return False
        text, gated, key, imports, stamp = read
        if text is not None:
            self._texts[module] = text
        READ_AHEAD[path] = (text, gated)
        if stamp is not None:
            self.manifest.record(path, module, stamp, gated, key, imports)
        elif self.manifest is not None:
            self.manifest.unrecorded(path)
        self._keep(module, path, gated, key, imports, candidates, others)
        return True

    def _keep(self, module: str, path: str, gated: bool, key: str | None, imports: list[str] | None,
              candidates: list[str], others: list[str]) -> None:
        self.paths[module] = path
        if imports is not None:
            self.imports[module] = imports
        if gated:
            candidates.append(module)
            self.keys[module] = key
        else:
            others.append(module)

    def _imported(self, module: str) -> list[str]:
        """The absolute names the module's import lines read (from the manifest, or read
        and remembered there)."""
        found = self.imports.get(module)
        if found is None:
            path = self.paths[module]
            found = self.imports[module] = _imports_of(self.text(module) or "", module, path)
            if self.manifest is not None:
                self.manifest.remember_imports(path, found)
        return found

    def _settle_read_ahead(self, others: list[str], index: ProjectIndex, callers: set[str]) -> None:
        """What the checking pass may skip: a module that cannot send, and neither uses
        (``callers``) nor offers anything of the index, is ``(None, False)``.  A caller the
        manifest answered for (no text yet) is left to the checking pass to read."""
        offering_modules = index.offering_modules()  # sink modules too: their code may build what is sent
        for module in others:
            path = self.paths[module]
            if module in callers or module in offering_modules:
                if READ_AHEAD.get(path, ("",))[0] is None:
                    READ_AHEAD.pop(path, None)
            else:
                READ_AHEAD[path] = _SETTLED

    def _screened_modules(self, modules: list[str], screen: Screen) -> list[str]:
        """The modules that might import something the index offers (``_may_import_offers``);
        the texts read this run are screened together (``Screen.passing``)."""
        if self._helper is not None:  # the texts it holds are screened there, meanwhile
            self._helper.ask_screen(screen.words)
        read = [module for module in modules if module not in self.imports and self._texts.get(module) is not None]
        passing = {read[number] for number in screen.passing([self._texts[module] for module in read])}
        unread = set(read)
        if self._helper is not None:
            found = self._helper.screened()
            if found is None:
                self._helper = None  # it failed: the texts are read here when needed
            else:
                for module, text in found.items():
                    self._texts[module] = text
                    READ_AHEAD[self.paths[module]] = (text, False)
                passing.update(found)
                self._held.difference_update(found)
                unread |= self._held  # the rest of what it holds passes no screen
        return [module for module in modules
                if module in passing or module not in unread and self._may_import_offers(module, screen)]

    def _may_import_offers(self, module: str, screen: Screen) -> bool:
        """Might the module import something the index offers?  Known imports are
        resolved (cheap: ``_imports_offering``); else the module's text must pass the
        screen.  A file the manifest recorded without imports passed no screen of its
        words: while the screen's words are among them, it is not read again."""
        if module in self.imports:
            return True
        text = self._texts.get(module)
        if text is None:
            if screen.words <= self._screened_before.words:
                return False
            text = self.text(module)
        return text is not None and screen.passes(text)

    def _imports_offering(self, module: str, index: ProjectIndex) -> bool:
        targets = self._project_targets.get(module)
        if targets is None:  # once per module: most import nothing of the project at all
            targets = self._project_targets[module] = [
                target for target in self._imported(module) if self.layout.path_of(target.partition(".")[0])
                or self.layout.is_package(target.partition(".")[0])]
        return any(index.offers(target) for target in targets)

    def _imports_only(self, module: str, index: ProjectIndex) -> None:
        """A package ``__init__`` that cannot send: only what it re-exports (no model)."""
        import ast  # parsing only for a module that matters: a clean run parses nothing

        path, text = self.paths[module], self.text(module)
        try:
            tree = ast.parse(text or "", path)
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            return
        index.summaries[module] = _imports_summary(module, tree, module)  # a package __init__

    def _own_summary(self, module: str, index: ProjectIndex) -> None:
        """A module's summary on its own (no other module's wrappers), from the cache when
        its content has not changed."""
        import json  # summaries are cached as JSON: only for a module that can send

        path = self.paths[module]
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

        import ast

        path, text = self.paths[module], self.text(module)
        if text is None:
            return None
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
                            is_package=Path(path).name == "__init__.py", project=index)
        try:
            summary = summarize(model)
        except RecursionError:
            return None
        (store if store is not None else index).summaries[module] = summary
        return summary


#: Import statements, found by the literal they start with (the engine skips to each
#: occurrence: three times faster than a pattern anchored at the start of a line, which
#: is checked afterwards).  A parenthesized list of names may span lines, as may a backslash.
_FROM_IMPORT = re.compile(r"from[ \t]+(\.*[\w.]*)[ \t]+import[ \t]+(\([^)]*\)|(?:[^\n#;\\]|\\\r?\n|\\)+)")
_IMPORT = re.compile(r"import[ \t]+((?:[^\n#;\\]|\\\r?\n|\\)+)")
_COMMENT = re.compile(r"#[^\n]*")


def _starts_a_statement(text: str, index: int) -> bool:
    """Is ``text[index]`` the first character of its line but for indentation?"""
    start = text.rfind("\n", 0, index) + 1
    before = text[start:index].strip(" \t\f")
    return before == "" or before.endswith((":", ";"))


def _imports_of(text: str, module: str, path: str) -> list[str]:
    """``_imported_modules`` of a module's text, each name once."""
    package = module if path.endswith("__init__.py") else module.rpartition(".")[0]
    return list(dict.fromkeys(_imported_modules(text, package)))


def _imported_modules(text: str, package: str) -> Iterator[str]:
    """The absolute names the import statements of ``text`` read (a module, or a name in one)."""
    for match in _FROM_IMPORT.finditer(text):
        if not _starts_a_statement(text, match.start()):
            continue
        source, names = match.group(1), _COMMENT.sub("", match.group(2))
        level = len(source) - len(source.lstrip("."))
        base = resolve_relative(level, source[level:] or None, package)
        if base is not None:
            yield base
            yield from (f"{base}.{part}" for part in _names(names) if part)
    for match in _IMPORT.finditer(text):
        if _starts_a_statement(text, match.start()):  # not the ``import`` of a ``from`` statement
            yield from (part for part in _names(_COMMENT.sub("", match.group(1))) if part)


def _names(listed: str) -> list[str]:
    """``a.b as c, d`` (or parenthesized, over lines) -> ``["a.b", "d"]``."""
    return [part.split(" as ")[0].strip(" \t\r\n()\\") for part in listed.split(",")]


class Roots:
    """The project root of each file of a run, one look-up per folder (not per file): a
    folder without a marker has its parent's root.  Markers are looked up in the run's
    folder listings (``wscc.files.Listings``), which the walk has mostly made already."""

    def __init__(self, listings=None) -> None:
        from wscc.files import Listings

        self.listings = listings if listings is not None else Listings()
        self._of_folder: dict[str, Path] = {}
        self._of_spelled: dict[str, Path] = {}

    def __getstate__(self) -> dict:
        return {"listings": type(self.listings)(), "_of_folder": {}, "_of_spelled": {}}  # caches refill

    def of(self, path: str) -> Path:
        # Keyed by the folder as spelled: one ``abspath`` per folder, not per file (and no
        # ``dirname`` either, for a path with a folder: ten thousand files in a run).
        cut = path.rfind(os.sep)
        folder = path[:cut] if cut > 0 else os.path.dirname(path)
        found = self._of_spelled.get(folder)
        if found is None:
            found = self._of_spelled[folder] = self._root_of_folder(os.path.dirname(os.path.abspath(path)) or ".")
        return found

    def _marked(self, folder: str) -> bool:
        from wscc.project.layout import ROOT_MARKERS

        if self.listings.under_unchanged(folder):
            return folder in self.listings.marked  # no listing: the remembered walk knows
        return self.listings.holds(folder, ROOT_MARKERS)

    def _root_of_folder(self, folder: str) -> Path:
        from wscc.project.layout import find_root

        found = self._of_folder.get(folder)
        if found is None:
            parent = os.path.dirname(folder)
            if parent == folder or self._marked(folder):
                found = find_root([folder])
            else:
                found = self._root_of_folder(parent)
                if not self._marked(str(found)):
                    found = find_root([folder])  # no marker above: find_root's own rule for bare trees
            self._of_folder[folder] = found
        return found


def still_to_check(files: list[str]) -> list[str]:
    """The files a checking pass after this build still has to look at: not those the
    build settled as neither sending nor calling anything (``_settle_read_ahead``), whose
    ``READ_AHEAD`` entries go.  One ``abspath`` per folder, not per file."""
    if not READ_AHEAD:
        return files  # no build, or nothing read
    folders: dict[str, str] = {}
    left = []
    for path in files:
        folder, _, name = path.rpartition(os.sep)
        prefix = folders.get(folder)
        if prefix is None:
            prefix = folders[folder] = os.path.abspath(folder or os.curdir).rstrip(os.sep) + os.sep
        absolute = prefix + name
        if READ_AHEAD.get(absolute) == _SETTLED:
            del READ_AHEAD[absolute]
        else:
            left.append(path)
    return left


def _import_the_analysis() -> None:
    """Import what summarizing and checking a module take (``_summarize``), as a large
    project's first read does while its helper starts on the chunks: about 30 ms that
    would otherwise come after the read.  In a project where nothing passes the gate
    they are wasted, but the helper reads more chunks meanwhile."""
    import wscc.detector  # noqa: F401
    import wscc.project.summary  # noqa: F401


def _text_kept(path: str, read: tuple) -> bool:
    """Does a helper send back this text of its share (``RemoteShare``)?  A module that can
    send (it is summarized and checked), and a package ``__init__`` (its re-exports are read)."""
    return read[1] or path.endswith("__init__.py")


def _excludes_nothing(path: str) -> bool:
    """The index walk's exclusions when no front end has its own (its hidden folders and
    ``SKIPPED_FOLDERS`` aside): the key its remembered walk is kept under."""
    return False


def _index_walk(cache, layout):
    """The snapshot of the index build's own walks (``INDEX_TREE_NAME``); when it shows the
    tree unchanged, the walk it remembers is handed to the layout as made."""
    from wscc import __version__
    from wscc.files import SKIPPED_FOLDERS
    from wscc.project.cache import INDEX_TREE_NAME, TreeSnapshot

    snapshot = TreeSnapshot(cache, f"wscc {__version__} index walk 1; {sorted(SKIPPED_FOLDERS)}",
                            name=INDEX_TREE_NAME)
    snapshot.restore(str(layout.root), layout.listings, _excludes_nothing)
    return snapshot


def _may_use_the_project(path: str, layout, manifest=None) -> bool:
    """Can this file send a close code, or import one of the project's modules?  The
    manifest answers for a file unchanged since the last run; else the file is read once
    (the build and the checking pass take the text from ``READ_AHEAD``)."""
    module = layout.module_name(path) or ""
    package = module if path.endswith("__init__.py") else module.rpartition(".")[0]
    seen = manifest.lookup(os.path.abspath(path), module) if manifest is not None and module else None
    if seen is not None and (seen[0] or seen[2] is not None):
        gated, _key, imports = seen
    else:
        try:
            text, _encoding = decode(read_bytes(path)[0], path)
        except (OSError, SourceError):
            return False
        gated = might_send(text)
        READ_AHEAD[os.path.abspath(path)] = (text, gated)  # the build takes it from here
        imports = () if gated else _imported_modules(text, package)
    if gated or (manifest is not None and module in manifest.sink_modules):
        return True  # it can send, or it defines a class another module sends an attribute of
    if (manifest is None or not manifest.complete) and seen is None and "def __init__" in text:
        # Whether another module sends an attribute its constructor keeps (a sink) only a
        # walk of the whole project can tell, which no run has made yet (or, without a
        # cache, ever remembers).
        return True
    return any(layout.file_of(target.split(".")[0]) is not None for target in imports)


def _imports_summary(module: str, tree: ast.Module, package: str | None = None) -> dict:
    """The summary of a module that offers nothing itself: what it imports (re-exports)."""
    from wscc.model.imports import qualnames_of_import, statement_imports
    from wscc.project.summary import star_fields

    imports = {local: qualname for node in statement_imports(tree)
               for local, qualname in qualnames_of_import(node, package)}
    return {"module": module, "imports": imports, "functions": {}, "classes": {}, "instances": {},
            **star_fields(tree, package)}


class Projects:
    """The projects a run's paths belong to (usually one), each indexed once."""

    def __init__(self, by_root: dict, configured: bool = False, roots: Roots | None = None) -> None:
        self.by_root = by_root
        self.configured = configured  # one configured root: every path is in it
        self.roots = roots if roots is not None else Roots()

    def for_path(self, path: str) -> Project | None:
        if self.configured:
            return next(iter(self.by_root.values()), None)
        return self.by_root.get(self.roots.of(path))


def projects_for(paths: Iterable[str], config, listings=None, jobs: int = 1) -> Projects | None:
    """The projects the paths belong to, indexed, for ``wscc`` and ``wscc-fix`` (``None``
    when following across modules is off, or the paths belong to no project).  Paths in
    different projects are indexed apart (the same module name may mean two files)."""

    if not config.follow_imports:
        return None
    roots = Roots(listings)
    if config.project_root is not None:
        groups = {Path(config.project_root).resolve(): list(paths)}
    else:
        groups: dict = {}
        for path in paths:
            groups.setdefault(roots.of(path), []).append(path)
    by_root = {}
    for root, members in groups.items():
        project = Project.for_paths(members, config.settings_for, root=config.project_root,
                                    is_excluded=config.is_excluded, cache=config.cache, listings=listings,
                                    found_root=root, jobs=jobs)
        if project is not None:  # also when nothing offers a wrapper: its constants may matter
            by_root[root] = project
    return Projects(by_root, configured=config.project_root is not None, roots=roots) if by_root else None
