"""Where a project is, and what its imports mean, the way Python's import system sees it.

``find_root(paths, configured)`` finds the project the paths belong to; ``Layout(root)``
answers, for that project and without importing anything:

* ``module_name(path)``: the dotted name a file is imported as (``pkg.sub.mod``; ``pkg.sub``
  for ``pkg/sub/__init__.py``), or ``None`` when no import statement can reach it;
* ``file_of(module)`` / ``is_package(module)``: the file a dotted name resolves to inside
  the project, or ``None`` (a library, a typo, a namespace package: never a guess);
* ``resolve_import(importing_module, is_package, node)``: (local name, fully qualified
  target) for each name an ``import`` statement binds, relative imports included;
* ``iter_modules()``: every importable ``.py`` file of the project, with its name.

**Import roots** play the part of ``sys.path``: by default ``<root>/src`` when it is a
folder but not a package (a src layout), then ``<root>`` itself (a flat layout, and the
tests, scripts and ``conftest.py`` beside a src layout); ``Layout(root, roots=[...])``
replaces them (like ruff's ``src`` setting, for monorepos: ``["libs/a/src", "libs/b"]``).
A root that is itself a regular package (holds ``__init__.py``) is replaced by the first
folder above it that is not, so its modules keep their package's name.

Names are found as ``importlib``'s ``PathFinder`` finds them, one component at a time: in
each import root in order, a folder with ``__init__.py`` (a regular package) wins, then a
``name.py`` module; folders without ``__init__.py`` are portions of a namespace package,
used only when no root has a regular package or module of that name, and merged across
roots.  Submodules are looked up only in their package's own folders.  Only ``.py``
source counts (no extension modules, no stubs); a name component must be an identifier.

Cost: one ``os.scandir`` per folder looked at, cached for the life of the ``Layout`` (a
``Layout`` is a snapshot: make a new one per run); nothing is read or imported.
"""

from __future__ import annotations

import keyword
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterator, Sequence

from wscc.dotted import resolve_relative
from wscc.files import Listings, iter_python_files

if TYPE_CHECKING:
    import ast

#: Files that mark a project's root folder (``.git`` may be a folder or, in a worktree or
#: a submodule, a file).
ROOT_MARKERS = ("pyproject.toml", "setup.cfg", "setup.py", ".git")

_INIT = "__init__.py"


def find_root(paths: Sequence[str | os.PathLike[str]], configured: str | os.PathLike[str] | None = None) -> Path:
    """The root folder of the project ``paths`` belong to (an absolute, resolved path).

    ``configured`` (``[tool.wscc]``'s root, already made absolute by the caller: relative
    paths in a configuration file are relative to that file's folder) wins when given; a
    relative one is taken relative to the current folder.  It must be a folder
    (``ValueError`` otherwise).

    Otherwise: the nearest folder, from the common folder of ``paths`` upwards, holding
    one of ``ROOT_MARKERS``.  With no marker anywhere above: the first folder, from that
    common folder upwards, that is not a regular package (so ``wscc pkg/mod.py`` in a
    bare tree still sees ``pkg`` as a package).  ``-`` (stdin) and an empty list mean the
    current folder."""
    if configured is not None:
        folder = Path(os.path.abspath(configured)).resolve()
        if not folder.is_dir():
            raise ValueError(f"{configured}: the configured project root is not a folder")
        return folder
    absolute = [os.path.abspath(p) for p in paths if os.fspath(p) != "-"] or [os.getcwd()]
    try:
        start = Path(os.path.commonpath(absolute))
    except ValueError:  # paths on different drives
        start = Path(os.getcwd())
    while not start.is_dir() and start != start.parent:
        start = start.parent  # a file, or a path that does not exist (yet)
    start = start.resolve()
    for folder in (start, *start.parents):
        if any((folder / marker).exists() for marker in ROOT_MARKERS):
            return folder
    folder = start
    while (folder / _INIT).is_file() and folder != folder.parent:
        folder = folder.parent
    return folder


@dataclass(frozen=True)
class _Spec:
    """What a dotted name resolved to: ``file`` for a module or a regular package,
    ``search`` (its ``__path__``) for a package of either kind."""

    file: str | None
    search: tuple[str, ...] | None


def _is_identifier(name: str) -> bool:
    return name.isidentifier() and not keyword.iskeyword(name)


class Layout:
    """The import roots of the project at ``root`` and Python's import resolution on them
    (see the module docstring).  ``roots``: import roots replacing the default
    (``src`` if a src layout, then the root), relative to ``root`` or absolute."""

    def __init__(self, root: str | os.PathLike[str], roots: Sequence[str | os.PathLike[str]] | None = None,
                 listings: Listings | None = None) -> None:
        self.root = Path(os.path.abspath(root))
        #: The run's folder listings, shared with the walk of the files to check.
        self.listings = listings if listings is not None else Listings()
        self._root_str = str(self.root)
        self._root_prefix = self._root_str.rstrip(os.sep) + os.sep
        self._listings: dict[str, dict[str, str]] = {}
        self._specs: dict[str, _Spec | None] = {}
        self._names: dict[str, str | None] = {}
        self._packages: dict[str, str | None] = {}  # folder -> its package's name (``_name_in_package``)
        if roots is None:
            src = self.root / "src"
            candidates = [src, self.root] if src.is_dir() and not (src / _INIT).is_file() else [self.root]
        else:
            candidates = [Path(os.path.abspath(self.root / r)) for r in roots]
        found: list[str] = []
        for folder in candidates:
            while (folder / _INIT).is_file() and folder != folder.parent:
                folder = folder.parent
            if str(folder) not in found:
                found.append(str(folder))
        self._roots = tuple(found)
        # module_name prefers the most specific root: src/pkg/mod.py is ``pkg.mod``, not
        # ``src.pkg.mod`` (which file_of also resolves, as Python would, through the
        # namespace package ``src``).
        self._deepest_first = sorted(self._roots, key=lambda r: -len(r))
        self._real_roots: list[tuple[str, str]] | None = None

    def __getstate__(self) -> dict:
        """What a worker process needs: the roots, not the caches (they fill again there)."""
        state = dict(self.__dict__)
        state.update(_listings={}, _specs={}, _names={}, _packages={}, listings=Listings())
        return state

    @property
    def roots(self) -> tuple[Path, ...]:
        """The import roots, in the order they are searched (``sys.path`` order)."""
        return tuple(Path(r) for r in self._roots)

    # -- names of files ------------------------------------------------------------

    def module_name(self, path: str | os.PathLike[str]) -> str | None:
        """The dotted name ``path`` (a ``.py`` file) is imported as, or ``None``: outside
        the import roots, a folder or file name that is not an identifier, or a file
        shadowed by another of the same name (``mod.py`` beside ``mod/__init__.py``, or
        one in a later root).  Whenever it returns a name, ``file_of(name)`` is ``path``."""
        return self._module_name(os.path.abspath(path))

    def _module_name(self, absolute: str) -> str | None:
        if absolute in self._names:
            return self._names[absolute]
        name = None
        if absolute.endswith(".py"):
            name = self._name_under(absolute, [(r, r) for r in self._deepest_first])
            if name is None:
                real = os.path.realpath(absolute)
                if real != absolute:
                    name = self._name_under(real, self._resolved_roots())
        self._names[absolute] = name
        return name

    def _resolved_roots(self) -> list[tuple[str, str]]:
        if self._real_roots is None:
            self._real_roots = [(os.path.realpath(r), r) for r in self._deepest_first]
        return self._real_roots

    def _name_under(self, path: str, roots: list[tuple[str, str]]) -> str | None:
        for spelled, _ in roots:
            prefix = spelled.rstrip(os.sep) + os.sep
            if not path.startswith(prefix):
                continue
            parts = path[len(prefix):-3].split(os.sep)
            if parts[-1] == "__init__":
                parts.pop()
            if not parts or not all(_is_identifier(part) for part in parts):
                continue
            name = ".".join(parts)
            found = self._file(name)
            if found is not None and _same_file(found, path):
                return name
        return None

    # -- files of names ------------------------------------------------------------

    def file_of(self, module: str) -> Path | None:
        """The ``.py`` file (``__init__.py`` for a regular package) ``module`` resolves to,
        if it is inside the project; ``None`` otherwise, and for namespace packages."""
        file = self._file(module)
        return None if file is None else Path(file)

    def path_of(self, module: str) -> str | None:
        """``file_of`` as an absolute path string (cheaper, for the many look-ups of a build)."""
        return self._file(module)

    def _file(self, module: str) -> str | None:
        spec = self._find(module)
        if spec is None or spec.file is None or not self._in_project(spec.file):
            return None
        return spec.file

    def is_package(self, module: str) -> bool:
        """Whether ``module`` resolves, inside the project, to a package (a regular one or
        a namespace package)."""
        spec = self._find(module)
        if spec is None or spec.search is None:
            return False
        return any(self._in_project(folder) for folder in spec.search)

    def _in_project(self, path: str) -> bool:
        return path.startswith(self._root_prefix)

    def _find(self, module: str) -> _Spec | None:
        if module in self._specs:
            return self._specs[module]
        parent, _, tail = module.rpartition(".")
        spec = None
        if _is_identifier(tail):
            if parent:
                parent_spec = self._find(parent)
                if parent_spec is not None and parent_spec.search is not None:
                    spec = self._find_in(tail, parent_spec.search)
            else:
                spec = self._find_in(tail, self._roots)
        self._specs[module] = spec
        return spec

    def _find_in(self, name: str, folders: Sequence[str]) -> _Spec | None:
        """``PathFinder.find_spec`` for one name component over ``folders``."""
        portions: list[str] = []
        for folder in folders:
            listing = self._listing(folder)
            kind = listing.get(name)
            if kind == "dir":
                package = os.path.join(folder, name)
                if self._listing(package).get(_INIT) == "file":
                    return _Spec(os.path.join(package, _INIT), (package,))
            if listing.get(name + ".py") == "file":
                return _Spec(os.path.join(folder, name + ".py"), None)
            if kind == "dir":
                portions.append(os.path.join(folder, name))
        return _Spec(None, tuple(portions)) if portions else None

    def _listing(self, folder: str) -> dict[str, str]:
        """name -> "dir" / "file" / "other" for the entries of ``folder`` (symlinks
        followed, as the import system does); empty if it cannot be listed."""
        listing = self._listings.get(folder)
        if listing is None:
            listing = {}
            try:
                entries = self.listings.entries(folder)
            except OSError:
                entries = []
            for name, is_folder, is_link in entries:
                if is_link:
                    target = os.path.join(folder, name)
                    listing[name] = "dir" if os.path.isdir(target) else "file" if os.path.isfile(target) else "other"
                else:
                    listing[name] = "dir" if is_folder else "file"
            self._listings[folder] = listing
        return listing

    # -- imports -------------------------------------------------------------------

    def resolve_import(self, importing_module: str | None, is_package: bool,
                       node: ast.Import | ast.ImportFrom) -> list[tuple[str, str]]:
        """See the module-level ``resolve_import``."""
        return resolve_import(importing_module, is_package, node)

    # -- the whole project ---------------------------------------------------------

    def iter_modules(self, is_excluded: Callable[[str], bool] | None = None,
                     known: dict[str, str | None] | None = None) -> Iterator[tuple[str, str]]:
        """(dotted name, path as a string) of every importable ``.py`` file under the
        root (strings, as ``iter_python_files`` yields them: cheaper than a ``Path``
        each in a tree of ten thousand files), in the
        order ``wscc`` walks folders.  The walk is the front ends' own
        (``wscc.files.iter_python_files``): it skips ``.git``, virtual environments,
        ``build``, ``dist``, ``__pycache__``, ``node_modules``, ``site-packages``, ... and
        symlinked folders.  ``is_excluded(path)`` (an absolute path as a string) prunes
        more, like ``Config.is_excluded``.  Files without a module name (see
        ``module_name``) are left out: no import can reach them.  ``known``: the module
        name of each file as found before, for a tree that has not changed since
        (``wscc.project.cache.TreeSnapshot``): the name is a function of the folders alone."""
        excluded = is_excluded or (lambda path: False)

        def skipped(path: str) -> bool:
            # Hidden folders (.cache, .tox, .mypy_cache, ...) hold no module the project
            # imports, and can be large: never walked for the index.
            return excluded(path) or os.path.basename(path).startswith(".")

        walked = self.listings.walk_of(self._root_str, is_excluded) if is_excluded is not None else None
        if walked is not None:  # the front end walked the root with the same exclusions: no second walk
            start = len(self._root_prefix)
            hidden = os.sep + "."
            walked = [path for path in walked if hidden not in path[start - 1:]]
        found: list[str] | None = None
        if walked is None:
            found = []  # what this walk finds, remembered below for ``is_excluded``
        paths = walked if walked is not None else iter_python_files([self._root_str], skipped, listings=self.listings)
        for path in paths:
            if isinstance(path, str):
                if found is not None:
                    found.append(path)
                # absolute and normal already: the root's own plus a tail
                name = known[path] if known is not None and path in known else self._name_in_package(path)
                if name is not None:
                    yield name, path
        if found is not None and is_excluded is not None:
            self.listings.remember_walk(self._root_str, is_excluded, found)

    def _name_in_package(self, path: str) -> str | None:
        """``_module_name`` of an absolute, normal path, from its folder's package name: a
        regular package found in that one folder names each ``stem.py`` in it ``package.stem``
        unless a subfolder ``stem`` may shadow it (what ``_find_in`` would decide).  One
        full look-up per folder, not per file (a tree of ten thousand modules)."""
        folder, _, file = path.rpartition(os.sep)
        package = self._packages.get(folder, False)
        if package is False:
            package = self._packages[folder] = self._package_of_folder(folder)
        stem = file[:-3]
        if package is None or not file.endswith(".py") or not stem.isidentifier() or keyword.iskeyword(stem):
            return self._module_name(path)
        if stem == "__init__":
            return package
        listing = self._listing(folder)
        if stem in listing or listing.get(file) != "file":
            return self._module_name(path)  # a folder of that name, or a link: the full look-up
        return f"{package}.{stem}"

    def _package_of_folder(self, folder: str) -> str | None:
        """The dotted name of the regular package ``folder`` is, when that name resolves to
        this folder alone (so its modules resolve in it); else ``None``."""
        package = self._module_name(os.path.join(folder, _INIT))
        if package is None:
            return None
        spec = self._find(package)
        return package if spec is not None and spec.search == (folder,) else None


def _same_file(a: str, b: str) -> bool:
    return a == b or os.path.realpath(a) == os.path.realpath(b)


def import_base(importing_module: str | None, is_package: bool, node: ast.ImportFrom) -> str | None:
    """The absolute name of the module a ``from ... import`` statement imports from, as
    ``importlib._bootstrap._resolve_name`` computes it; ``None`` for a relative import
    beyond the top-level package or from a module with no package.

    ``importing_module`` is the importing file's dotted name; ``is_package`` says whether
    that file is a package's ``__init__.py`` (its own package is then the anchor of ``.``)."""
    if node.level == 0:
        return node.module or None
    package = (importing_module if is_package else importing_module.rpartition(".")[0]) if importing_module else None
    return resolve_relative(node.level, node.module, package)


def resolve_import(importing_module: str | None, is_package: bool,
                   node: ast.Import | ast.ImportFrom) -> list[tuple[str, str]]:
    """(local name, fully qualified target) for each name the statement binds, in order.

    * ``import a.b.c`` binds ``a`` -> ``a``; ``import a.b as c`` binds ``c`` -> ``a.b``;
    * ``from m import x as y`` binds ``y`` -> ``m.x``; relative forms are made absolute
      from ``importing_module`` (see ``import_base``): in ``pkg/sub/mod.py``,
      ``from ..a.b import c as d`` binds ``d`` -> ``pkg.a.b.c``;
    * ``from pkg import x``'s target ``pkg.x`` is a name defined in ``pkg/__init__.py`` or,
      failing that, the submodule ``pkg.x`` (Python looks in that order): ask the
      summary of ``pkg`` first, then ``Layout.file_of``;
    * a relative import beyond the top-level package binds nothing here (Python raises);
      ``from m import *`` binds names only ``m`` knows: its base is ``import_base``."""
    import ast  # only when a module is summarized: a clean run never parses

    if isinstance(node, ast.Import):
        bound = []
        for alias in node.names:
            if alias.asname:
                bound.append((alias.asname, alias.name))
            else:
                top = alias.name.partition(".")[0]
                bound.append((top, top))
        return bound
    base = import_base(importing_module, is_package, node)
    if base is None:
        return []
    return [(alias.asname or alias.name, f"{base}.{alias.name}") for alias in node.names if alias.name != "*"]
