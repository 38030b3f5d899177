"""Which names a real release of a library has, read from its published source.

Used by the ``network`` tests of the constants' version data (tests/test_fix_versions.py)
and, run as a script, to find the first release with each container and member:

    python tests/release_names.py websockets aiohttp

A release is fetched with ``pip download --no-deps`` (a wheel, else the sdist; see
``_ATTEMPTS``) and read with ``ast``, never imported or built: old releases of compiled
libraries do not build on today's Python, and their source says just as well which names
exist.

* A class container ``pkg.mod.Name`` exists when ``pkg/mod.py`` (or ``pkg/mod/__init__.py``)
  defines or imports ``Name`` at module level, or names it in a lazy-import table (a
  string ``"Name"``, as websockets' ``__init__`` does).
* A member of a class container exists when a ``class Name`` anywhere in the package
  assigns it in its body (in a file ``ast`` cannot parse, Python 2 source, the body is
  read line by line at its own indentation).
* A module container ``pkg.mod`` exists when its file does; its member exists when the
  file assigns it at module level (Python 2 source: a ``NAME = value`` line at column 0,
  outside triple-quoted strings), or a module it star-imports (``from ._abnf import *``,
  through any chain of them, within a literal ``__all__``) does.
* A member of a Cython ``cpdef enum Name:`` (picows) is read from the ``.pxd``/``.pyx``
  text line by line.
* A member counts only with the value wscc lists for it, when its assignment is a
  literal (starlette's ``WS_1005_ABNORMAL_CLOSURE = 1005`` before 0.19.1 is not the
  name of 1006 that ``WS_1006_ABNORMAL_CLOSURE`` is); a value that is not a literal
  cannot be compared, and the name alone counts.
* A module container with no file of its own that its parent binds by importing another
  package's module (fastapi's ``from starlette import status as status``) exists from
  that import on; its members are that module's in the oldest release of the other
  package that the release's own ``Requires-Dist`` lets in (``starlette==0.13.2`` for
  fastapi 0.51.0): what every install of that release is sure to have.  A release whose
  metadata lists no requirements cannot say (``Unknowable``), and is treated like one
  that cannot be downloaded.

An sdist whose ``setup.py`` no longer runs on today's Python is fetched with the pip of an
older interpreter when one is installed (``_OLDER_PYTHONS``: that pip keeps the archive).
A release that still cannot be downloaded (no files at all, no older interpreter) is never
taken as "absent": the search reports it (``First.unfetched``) instead of a
first release, and such a fact is not recorded.
"""

from __future__ import annotations

import ast
import functools
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import warnings
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

_CACHE = Path(tempfile.gettempdir()) / "wscc-release-sources"


@functools.lru_cache(maxsize=None)
def versions(dist: str) -> list[str]:
    """Every final release of ``dist`` on PyPI, oldest first (asked once per run)."""
    out = subprocess.run([sys.executable, "-m", "pip", "index", "versions", dist], capture_output=True, text=True,
                         timeout=300, check=True).stdout
    line = next(line for line in out.splitlines() if line.startswith("Available versions:"))
    found = [v.strip() for v in line.partition(":")[2].split(",")]
    finals = [v for v in found if all(part.isdigit() for part in v.split("."))]
    return sorted(finals, key=lambda v: tuple(int(p) for p in v.split(".")))


#: How a release is fetched, in order: a wheel for this interpreter; a wheel for an older
#: CPython on Linux (old compiled releases have none for today's Python); the sdist
#: (whose metadata step needs a setup.py that still runs; its build requirements may come
#: as wheels, and last this interpreter's own setuptools is tried without isolation).
#: ``{dist}`` is replaced by the distribution's name.
_ATTEMPTS = (
    ("--only-binary", ":all:"),
    ("--only-binary", ":all:", "--python-version", "3.8", "--platform", "manylinux2014_x86_64",
     "--implementation", "cp", "--abi", "cp38"),
    ("--only-binary", ":all:", "--python-version", "3.6", "--platform", "manylinux1_x86_64",
     "--implementation", "cp", "--abi", "cp36m"),
    ("--no-binary", "{dist}"),
    ("--no-binary", "{dist}", "--no-build-isolation"),
)


@functools.lru_cache(maxsize=None)
def source(dist: str, version: str) -> Path:
    """The extracted files of one release (cached across runs in the temp folder)."""
    target = _CACHE / f"{dist}-{version}"
    if not (target / ".done").exists():
        download = Path(f"{target}.download")
        for attempt in _ATTEMPTS:
            shutil.rmtree(download, ignore_errors=True)
            download.mkdir(parents=True)
            options = [option.format(dist=dist) for option in attempt]
            command = [sys.executable, "-m", "pip", "download", "--no-deps", "-q", *options,
                       "-d", str(download), f"{dist}=={version}"]
            try:
                done = subprocess.run(command, capture_output=True, timeout=600)
            except subprocess.TimeoutExpired as expired:
                done = subprocess.CompletedProcess(command, 1, expired.stdout, expired.stderr)
            if done.returncode == 0 and any(download.iterdir()):
                break
        else:
            done = _older_pip(dist, version, download) or done
            if not any(download.iterdir()):
                raise subprocess.CalledProcessError(done.returncode, done.args, done.stdout, done.stderr)
        archive = next(download.iterdir())
        shutil.rmtree(target, ignore_errors=True)
        target.mkdir(parents=True)
        if archive.name.endswith((".zip", ".whl")):
            with zipfile.ZipFile(archive) as opened:
                opened.extractall(target)
        else:
            with tarfile.open(archive) as opened:
                opened.extractall(target)
        (target / ".done").write_text(archive.name)
    return target


#: Older interpreters whose pip keeps a downloaded sdist in the target folder even when
#: the sdist's ``setup.py egg_info`` then fails (today's pip deletes it): the published
#: archive itself, which is all this module reads.
_OLDER_PYTHONS = ("python3.6", "python2.7")


def _older_pythons() -> Iterator[str]:
    """The older interpreters that run (on PATH, or installed by pyenv)."""
    root = os.environ.get("PYENV_ROOT")
    for name in _OLDER_PYTHONS:
        candidates = [shutil.which(name), *(sorted(map(str, Path(root).glob(f"versions/*/bin/{name}"))) if root else [])]
        for python in filter(None, candidates):
            if subprocess.run([python, "-m", "pip", "--version"], capture_output=True).returncode == 0:
                yield python
                break


def _older_pip(dist: str, version: str, download: Path) -> subprocess.CompletedProcess | None:
    for python in _older_pythons():
        shutil.rmtree(download, ignore_errors=True)
        download.mkdir(parents=True)
        command = [python, "-m", "pip", "download", "--no-deps", "-q", "--no-binary", dist, "-d", str(download),
                   f"{dist}=={version}"]
        try:
            done = subprocess.run(command, capture_output=True, timeout=600)
        except subprocess.TimeoutExpired:
            continue
        prefix = re.sub(r"[-_.]+", "_", f"{dist}-{version}".lower())
        archives = [a for a in download.iterdir()
                    if re.sub(r"[-_.]+", "_", a.name.lower()).startswith(prefix) and a.name.endswith((".tar.gz", ".zip"))]
        if len(archives) == 1:
            return done
    shutil.rmtree(download, ignore_errors=True)
    download.mkdir(parents=True)
    return None


def _module_file(root: Path, module: str) -> Path | None:
    parts = module.split(".")
    candidates = [*root.rglob("/".join(parts) + ".py"), *root.rglob("/".join(parts) + "/__init__.py")]
    candidates = [c for c in candidates if not any(p.startswith("test") for p in c.relative_to(root).parts[:-1])]
    return min(candidates, key=lambda c: len(c.parts)) if candidates else None


def _tree(path: Path) -> ast.Module:
    with warnings.catch_warnings():  # old releases' invalid escape sequences
        warnings.simplefilter("ignore")
        return ast.parse(path.read_bytes())


def _module_names(tree: ast.Module) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            names.update(alias.asname or alias.name.partition(".")[0] for alias in node.names)
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            names.add(node.id)
        elif isinstance(node, (ast.ClassDef, ast.FunctionDef)):
            names.add(node.name)
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            names.add(node.value)  # lazy-import tables and ``__all__``
    return names


def _top_level_assignments(body: list[ast.stmt]) -> dict[str, ast.expr | None]:
    """Name -> the expression a block of statements last assigns to it (``None`` for an
    annotation without a value)."""
    assigned: dict[str, ast.expr | None] = {}
    for statement in body:
        targets = statement.targets if isinstance(statement, ast.Assign) else \
            [statement.target] if isinstance(statement, ast.AnnAssign) else []
        for target in targets:
            if isinstance(target, ast.Name):
                assigned[target.id] = statement.value
    return assigned


def _top_level_assigned(tree: ast.Module) -> set[str]:
    return set(_top_level_assignments(tree.body))


def _module_level_assignments(path: Path, seen: frozenset = frozenset()) -> dict[str, ast.expr | None]:
    """What a module file assigns at top level, and what its relative star imports
    bring in, through any number of them (``from ._core import *`` whose ``_core`` does
    ``from ._abnf import *``), each limited by a literal ``__all__``."""
    try:
        tree = _tree(path)
    except SyntaxError:  # Python 2 source (websocket-client 0.3–0.12): read line by line
        return _text_assignments(_code_lines(path.read_text(encoding="utf-8", errors="replace")), 0)
    assigned: dict[str, ast.expr | None] = {}
    for node in tree.body:
        if isinstance(node, ast.ImportFrom) and node.level == 1 and node.module \
                and any(a.name == "*" for a in node.names):
            star = path.parent / (node.module.replace(".", "/") + ".py")
            if star.exists() and star not in seen:
                exported = _module_level_assignments(star, seen | {path})
                public = _literal_all(_tree(star))
                assigned.update({n: v for n, v in exported.items()
                                 if (n in public if public is not None else not n.startswith("_"))})
    assigned.update(_top_level_assignments(tree.body))  # the module's own names win
    return assigned


def _module_level_names(path: Path) -> set[str]:
    return set(_module_level_assignments(path))


def _literal_all(tree: ast.Module) -> set[str] | None:
    for statement in tree.body:
        if isinstance(statement, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "__all__" for t in statement.targets):
            if isinstance(statement.value, (ast.List, ast.Tuple)):
                return {e.value for e in statement.value.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)}
    return None


class Unknowable(Exception):
    """What a release has cannot be told from its files (no dependency metadata for a
    re-exported module): neither present nor absent, like a release that cannot be
    downloaded."""


#: The value of a member whose assignment is not a literal (``X = other.Y``): the name
#: is there, what it means cannot be read.
NOT_LITERAL = object()


class _Read:
    """A value read from text (Python 2 source), already evaluated."""

    def __init__(self, value: object) -> None:
        self.value = value


def _value(expression: ast.expr | _Read | None) -> object:
    if isinstance(expression, _Read):
        return expression.value
    try:
        return ast.literal_eval(expression) if expression is not None else NOT_LITERAL
    except (ValueError, TypeError, SyntaxError, RecursionError):
        return NOT_LITERAL


def reexport(root: Path, container: str) -> str | None:
    """The module of another package that the module container ``pkg.name`` is, when
    ``pkg`` has no such file but binds ``name`` by an absolute import of a module
    (fastapi's ``from starlette import status as status``): ``"starlette.status"``."""
    if _module_file(root, container) is not None:
        return None
    parent, _, name = container.rpartition(".")
    path = _module_file(root, parent)
    if path is None:
        return None
    for node in _tree(path).body:
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module \
                and node.module.partition(".")[0] != parent.partition(".")[0]:
            for alias in node.names:
                if (alias.asname or alias.name) == name:
                    return f"{node.module}.{alias.name}"
    return None


def requirement(root: Path, dist: str) -> str | None:
    """The version specifier (``"==0.13.2"``, ``">=0.19.1,<0.20.0"``; ``""`` for none)
    with which a release's own metadata requires ``dist`` unconditionally; ``None`` when
    it does not require it.  Raises ``Unknowable`` when the release has no metadata
    that lists its requirements (an old sdist's PKG-INFO)."""
    wanted = re.sub(r"[-_.]+", "-", dist).lower()
    files = [*root.rglob("*.dist-info/METADATA"), *root.rglob("PKG-INFO")]
    for path in files:
        lines = [line.partition(":")[2].strip() for line in path.read_text(encoding="utf-8", errors="replace").splitlines()
                 if line.lower().startswith("requires-dist:")]
        if not lines:
            continue
        for line in lines:
            line, _, marker = line.partition(";")
            match = re.match(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(\[[^\]]*\])?\s*\(?([^)]*)\)?\s*$", line)
            if match and re.sub(r"[-_.]+", "-", match.group(1)).lower() == wanted and "extra" not in marker:
                return match.group(3).replace(" ", "")
        return None
    raise Unknowable(f"no Requires-Dist metadata in {root}")


def lowest_allowed(dist: str, specifier: str) -> str:
    """The oldest final release of ``dist`` that ``specifier`` lets in."""
    from packaging.specifiers import SpecifierSet

    allowed = SpecifierSet(specifier)
    for version in versions(dist):
        if version in allowed:
            return version
    raise Unknowable(f"no release of {dist} satisfies {specifier!r}")


def _reexported_source(root: Path, container: str) -> tuple[Path, str] | None:
    """For a re-exported module container: the files of the oldest release of the other
    package that this release lets in (its own ``Requires-Dist``), and that module's name."""
    target = reexport(root, container)
    if target is None:
        return None
    dist = target.partition(".")[0]  # an import name that is its distribution's (starlette)
    specifier = requirement(root, dist)
    if specifier is None:
        raise Unknowable(f"{container} is {target}, but the release does not require {dist}")
    return source(dist, lowest_allowed(dist, specifier)), target


def has_container(root: Path, container: str, is_module: bool) -> bool:
    if is_module:
        return _module_file(root, container) is not None or reexport(root, container) is not None
    module, _, name = container.rpartition(".")
    path = _module_file(root, module)
    return path is not None and name in _module_names(_tree(path))


def member_values(root: Path, container: str, is_module: bool, member: str) -> list[object]:
    """The values a release gives ``member``, each a literal or ``NOT_LITERAL`` (an
    assignment that is not a literal); empty when it is not there.  A class container's
    member: one value per ``class Name`` body of the package that assigns it."""
    if is_module:
        path = _module_file(root, container)
        if path is None:
            other = _reexported_source(root, container)
            return member_values(other[0], other[1], True, member) if other else []
        assigned = _module_level_assignments(path)
        return [_value(assigned[member])] if member in assigned else []
    name = container.rpartition(".")[2]
    found: list[object] = []
    for path in sorted(root.rglob("*.py")):
        try:
            tree = _tree(path)
        except (SyntaxError, ValueError):
            # Python 2 source (autobahn 0.5): the class body is read line by line.
            members = _class_body_members(path.read_text(encoding="utf-8", errors="replace"), name)
            if member in members:
                found.append(members[member])
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef) and node.name == name:
                assigned = _top_level_assignments(node.body)
                if member in assigned:
                    found.append(_value(assigned[member]))
    for path in [*sorted(root.rglob("*.pxd")), *sorted(root.rglob("*.pyx"))]:
        members = _cython_members(path.read_text(encoding="utf-8", errors="replace"), name)
        if member in members:
            found.append(members[member])
    return found


def has_member(root: Path, container: str, is_module: bool, member: str, value: object = None) -> bool:
    """Does the release have ``member``, and (``value`` given) with that value?  A value
    that is not a literal cannot be compared: the name alone counts then."""
    found = member_values(root, container, is_module, member)
    if value is None:
        return bool(found)
    return any(v is NOT_LITERAL or (type(v) is type(value) and v == value) for v in found)


def _cython_members(text: str, name: str) -> dict[str, object]:
    """The members a Cython ``cpdef enum Name:`` (or ``class Name(...):``) block assigns,
    and their values, read line by line (Cython is not Python: ``ast`` cannot read it)."""
    members: dict[str, object] = {}
    inside = False
    for line in text.splitlines():
        if re.match(rf"(cp?def\s+enum|class)\s+{re.escape(name)}\b.*:\s*$", line):
            inside = True
            continue
        if inside:
            if line.strip() and not line[0].isspace():
                inside = False
                continue
            assigned = re.match(r"\s+([A-Za-z_]\w*)\s*=\s*([^#]*)", line)
            if assigned:
                try:
                    members[assigned.group(1)] = _value(ast.parse(assigned.group(2).strip(), mode="eval").body)
                except SyntaxError:
                    members[assigned.group(1)] = NOT_LITERAL
    return members


def _code_lines(text: str) -> list[str]:
    """The lines of source text outside triple-quoted strings (docstrings), blank for
    those inside, read without ``ast``; comment lines blank too."""
    lines, inside = [], None
    for line in text.expandtabs().splitlines():
        quotes = [q for q in ('"""', "'''") if q in line]
        if inside is not None:
            lines.append("")
            if line.count(inside) % 2:
                inside = None
            continue
        if quotes and line.count(quotes[0]) % 2:
            inside = quotes[0]
        lines.append("" if line.lstrip().startswith("#") else line)
    return lines


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def _text_assignments(lines: list[str], indent: int) -> dict[str, object]:
    """Simple ``NAME = value`` statements at exactly ``indent``, with their values (a
    ``_Read``; ``NOT_LITERAL`` when not a literal)."""
    assigned: dict[str, object] = {}
    for line in lines:
        match = re.match(r"\s*([A-Za-z_]\w*)\s*=(?!=)\s*([^#]*)", line)
        if match and line.strip() and _indent(line) == indent:
            try:
                assigned[match.group(1)] = _Read(_value(ast.parse(match.group(2).strip(), mode="eval").body))
            except SyntaxError:
                assigned[match.group(1)] = _Read(NOT_LITERAL)
    return assigned


def _class_body_members(text: str, name: str) -> dict[str, object]:
    """The names the body of ``class Name`` assigns at its own indentation (methods'
    locals are deeper), with their values, read line by line: for source that ``ast``
    cannot parse (Python 2)."""
    members: dict[str, object] = {}
    lines = _code_lines(text)
    for index, line in enumerate(lines):
        header = re.match(rf"(\s*)class\s+{re.escape(name)}\b.*:\s*$", line)
        if not header:
            continue
        body: list[str] = []
        for inner in lines[index + 1:]:
            if inner.strip() and _indent(inner) <= len(header.group(1)):
                break
            body.append(inner)
        indents = [_indent(b) for b in body if b.strip()]
        if indents:
            members.update({n: _value(v) for n, v in _text_assignments(body, indents[0]).items()})
    return members


def container_is_module(constant_set) -> bool:
    return constant_set.style in ("module", "member") or constant_set.container.rpartition(".")[2].islower()


@dataclass(frozen=True)
class First:
    """What the search found: ``version`` is the first fetched release with the name;
    ``unfetched`` lists the releases between it and the last fetched release without
    the name that could not be downloaded, so any of them may be the real first one.
    Only an empty ``unfetched`` is a verified fact; ``version`` ``None``: never present."""

    version: str | None
    unfetched: tuple[str, ...] = ()

    def __str__(self) -> str:
        if not self.unfetched:
            return str(self.version)
        return f"UNVERIFIED: {self.version} or one of {', '.join(self.unfetched)} (not downloadable or not readable)"


def first_release(dist: str, present) -> First:
    """The first release for which ``present(root)`` holds (assumed to hold from then on).
    A release that cannot be downloaded is neither present nor absent: it is left out of
    the search and, when it lies at the boundary found, reported in ``First.unfetched``."""
    found = versions(dist)
    candidates = list(found)
    unfetched: set[str] = set()
    known: dict[str, bool] = {}
    low, high = 0, len(candidates)
    while low < high:
        middle = (low + high) // 2
        version = candidates[middle]
        try:
            known[version] = present(source(dist, version))
        except (subprocess.CalledProcessError, SyntaxError, Unknowable):  # not downloadable, unreadable
            unfetched.add(version)
            del candidates[middle]
            high -= 1
            continue
        if known[version]:
            high = middle
        else:
            low = middle + 1
    first = candidates[low] if low < len(candidates) else None
    absent = [v for v, ok in known.items() if not ok]
    last_absent = max(absent, key=found.index) if absent else None
    start = found.index(last_absent) + 1 if last_absent else 0
    end = found.index(first) if first else len(found)
    return First(first, tuple(v for v in found[start:end] if v in unfetched))


def previous_release(dist: str, version: str) -> str | None:
    found = versions(dist)
    index = found.index(version)
    return found[index - 1] if index else None


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    from wscc.libraries import BY_NAME

    for dist in sys.argv[1:]:
        for constant_set in BY_NAME[dist].constants:
            is_module = container_is_module(constant_set)
            for container in (constant_set.container, *constant_set.aliases):
                since = first_release(dist, lambda root: has_container(root, container, is_module))
                print(dist, container, "since", since, flush=True)
            container = constant_set.container
            for member, value in constant_set.members.items():
                first = first_release(dist, lambda root: has_member(root, container, is_module, member, value))
                print("   ", member, first, flush=True)
